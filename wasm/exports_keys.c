/* Key handles (wasm_exports.h): PW_KEY_SLOTS caller-owned signing keys (sigv4.h), the only
 * signing-key cache, and the handle tables' slots (export_result.h) that calls use too. Calls
 * in flight pin the key they sign with (exports_call.c): only unpinned keys are evicted. */
#include <string.h>

#include "export_result.h"

void *pw_slot_of(void *base, size_t size, unsigned count, uint32_t handle)
{
	struct pw_slot *s = (struct pw_slot *)((char *)base + (handle & (count - 1)) * size);

	return s->used && s->handle == handle ? s : NULL; /* a used slot's handle is never 0 */
}

uint32_t pw_slot_take(struct pw_slot *s, size_t size, unsigned index)
{
	uint32_t handle = (s->handle | index) + PW_SLOT_ONE;

	if (handle < PW_SLOT_ONE) handle += PW_SLOT_ONE; /* the generation wrapped to 0: 1 */
	pw_wipe(s, size);
	s->handle = handle;
	s->used = 1;
	return handle;
}

void pw_slot_free(struct pw_slot *s, size_t size)
{
	uint32_t handle = s->handle;

	pw_wipe(s, size);   /* a key's pins go too: they named this generation, now refused */
	s->handle = handle;
}

struct key_slot {
	struct pw_slot slot;
	unsigned pins;        /* calls in flight holding it */
	struct pw_sigv4_key key;
};

static struct key_slot keys[PW_KEY_SLOTS];
static unsigned key_next;   /* where the search for a slot to evict starts */

static struct key_slot *slot_of(uint32_t handle)
{
	return pw_slot_of(keys, sizeof keys[0], PW_KEY_SLOTS, handle);
}

/* The same secret opened again (a new credentials object each call, as most callers make them)
 * gets the handle it already has, with the signing key already derived for its day, region and
 * service: only "AWS4" + secret is keyed again, never the four HMACs of a derivation. A new
 * secret takes a free slot, else the next unpinned one round-robin; 0 when every slot is
 * pinned. */
uint32_t pw_key_open(char *secret, size_t secret_len)
{
	struct pw_sigv4_key opened;
	unsigned i, slot, free_slot = PW_KEY_SLOTS, evict = PW_KEY_SLOTS;
	uint32_t handle = 0;

	if (secret == NULL) secret_len = 0;
	pw_sigv4_key_init(&opened, secret != NULL ? secret : "", secret_len);
	pw_wipe(secret, secret_len);
	for (i = 0; i < PW_KEY_SLOTS; i++) {
		struct key_slot *k = &keys[slot = (key_next + i) % PW_KEY_SLOTS];
		if (!k->slot.used) {
			if (free_slot == PW_KEY_SLOTS) free_slot = slot;
		} else if (memcmp(&k->key.secret, &opened.secret, sizeof opened.secret) == 0) {
			handle = k->slot.handle;
			goto done;
		} else if (k->pins == 0 && evict == PW_KEY_SLOTS) {
			evict = slot;
		}
	}
	if (free_slot == PW_KEY_SLOTS && (free_slot = evict) < PW_KEY_SLOTS) key_next = (evict + 1) % PW_KEY_SLOTS;
	if (free_slot < PW_KEY_SLOTS) {
		handle = pw_slot_take(&keys[free_slot].slot, sizeof keys[0], free_slot);
		keys[free_slot].key = opened;
	}
done:
	pw_wipe(&opened, sizeof opened);
	return handle;
}

struct pw_sigv4_key *pw_key_of(uint32_t handle)
{
	struct key_slot *k = slot_of(handle);

	return k != NULL ? &k->key : NULL;
}

void pw_key_pin(uint32_t handle)
{
	struct key_slot *k = slot_of(handle);

	if (k != NULL) k->pins++;
}

void pw_key_unpin(uint32_t handle)
{
	struct key_slot *k = slot_of(handle);

	if (k != NULL && k->pins > 0) k->pins--;
}

void pw_key_close(uint32_t handle)
{
	struct key_slot *k = slot_of(handle);

	if (k != NULL) pw_slot_free(&k->slot, sizeof *k);
}

void pw_clear_key_cache(void)
{
	unsigned i;

	for (i = 0; i < PW_KEY_SLOTS; i++) pw_slot_free(&keys[i].slot, sizeof keys[i]);
}
