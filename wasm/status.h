/* The one error convention of the C core.
 *
 * Every function that can fail returns a pw_status:
 *   PW_OK     done;
 *   PW_ERROR  refused (bad input, configuration, handle, ...): the struct pw_error the caller
 *             passed (or, for input validation, the pw_errors list, validate.h) says why;
 *             what the function was to produce is then unset;
 *   PW_NOMEM  an allocation failed: nothing usable was produced (the caller frees what it owns,
 *             as it would anyway).
 * Nothing else signals failure: no message-or-NULL returns, no -1, no output flags to inspect.
 *
 * Inside a step, appends to a pw_buf need no check each: its sticky `failed` flag (buf.h) makes
 * later appends no-ops, and the step turns its buffers' flags into its status once, at its end,
 * with pw_buf_status() (buf.h). Code that cannot return a status (the JSON reader, which gives NULL for
 * both bad text and no memory, and cJSON) is covered by pw_malloc's count of failed allocations:
 * each export reads it once, when it finishes (pw_status_since), and a call during which any
 * allocation failed returns no result at all, never a partial one.
 *
 * Two kinds of function are not fallible in this sense and keep their plain returns: predicates
 * (pw_*_is_*, pw_match_pattern, pw_json_scan_object) return 1 or 0, an answer; and decoders that
 * compute a count or a code point (pw_hex4, pw_utf8_count, the JSON reader's escapes) return it,
 * or -1 when the text holds none. A NULL pointer return is never an error message.
 *
 * At the boundary (wasm_exports.h) PW_OK and PW_ERROR are the result's status; PW_NOMEM is the
 * NULL result. */
#ifndef PW_STATUS_H
#define PW_STATUS_H

typedef enum { PW_OK = 0, PW_ERROR = 1, PW_NOMEM = 2 } pw_status;

/* Why something was refused: the error's name (a client's name, e.g. "EndpointError") and its
 * message; both static strings. */
struct pw_error {
	const char *name;
	const char *message;
};

/* Sets *e and returns PW_ERROR. */
pw_status pw_refuse(struct pw_error *e, const char *name, const char *message);

/* How many allocations through pw_malloc (buf.h) failed so far. */
extern unsigned long pw_alloc_failures;

/* PW_NOMEM when any allocation failed since pw_alloc_failures was `start`; else s. */
static inline pw_status pw_status_since(unsigned long start, pw_status s)
{
	return pw_alloc_failures != start ? PW_NOMEM : s;
}

#endif
