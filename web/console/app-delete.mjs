// Delete: offered only where the service allows it (ACTIVE or CREATE FAILED), confirmed in a dialog
// that names the tracker, then followed until the tracker is gone. What happens is said in the
// list, in a line under the tracker's row (where Delete was pressed), which stays after the row goes.

import { $, say, fail, resumeButton } from './app-util.mjs';
import { call } from './app-conn.mjs';
import { upsert, drop, watched, entryOf, rowNote, schedulePoll } from './app-trackers.mjs';

let hooks;

/** Asks in the delete dialog, which names the tracker; resolves true on "Delete". */
function confirmDelete(name) {
  const dialog = $('delete-dlg');
  $('del-name').textContent = name;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => { dialog.onclose = () => resolve(dialog.returnValue === 'ok'); });
}

/** Follows a deletion until the tracker is gone; an interrupted wait offers Resume. */
async function followDelete(arn, name, note) {
  watched.add(arn);
  say(note, `Deleting ${name}…`, 'busy');
  try {
    await call('personalize', (c, signal) => c.waitUntilEventTrackerDeleted({ eventTrackerArn: arn },
      { minDelay: 0.5, maxDelay: 3, maxWaitTime: 900, signal, onStatus: (s, t) => t && upsert(t) }));
    const hadFocus = entryOf(arn)?.row.contains(document.activeElement);
    drop(arn);
    say(note, `${name} was deleted.`);
    if (hadFocus || document.activeElement === document.body) note.focus();
  } catch (err) {
    fail(note, err, { then: 'Waiting stopped; the deletion may still go on.', action: resumeButton(() => followDelete(arn, name, note)) });
  } finally {
    watched.delete(arn);
    schedulePoll();
  }
}

/** Deletes a tracker once confirmed; its row shows DELETE PENDING / IN_PROGRESS until it is gone. */
export async function remove({ eventTrackerArn: arn, name }) {
  if (!(await confirmDelete(name))) return entryOf(arn)?.cells.del.focus();
  entryOf(arn)?.cells.details.focus(); // Delete is disabled while the tracker is deleted
  const note = rowNote(arn);
  try {
    await call('personalize', (c, signal) => c.deleteEventTracker({ eventTrackerArn: arn }, { signal }));
    hooks.onDeleting(arn);
    upsert({ eventTrackerArn: arn, status: 'DELETE PENDING' });
    await followDelete(arn, name, note);
  } catch (err) {
    fail(note, err);
  }
}

/** hooks: onDeleting(arn) hears a deletion the service accepted. */
export function initDelete(wiring) {
  hooks = wiring;
  $('del-ok').onclick = () => $('delete-dlg').close('ok');
  $('del-cancel').onclick = () => $('delete-dlg').close();
}
