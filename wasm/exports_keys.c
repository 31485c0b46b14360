/* Key handles (wasm_exports.h): PW_KEY_SLOTS caller-owned signing keys (sigv4.h), the only
 * signing-key cache. A handle is the slot in its low 5 bits and the slot's generation above, so
 * a closed or replaced key's handle is refused, never taken for the slot's next key. Calls in
 * flight pin the key they sign with (exports_call.c): only unpinned keys are evicted. */
#include <string.h>

#include "export_result.h"

#define SLOT_BITS 5
#define SLOT_MASK ((1u << SLOT_BITS) - 1)

struct key_slot {
	struct pw_sigv4_key key;
	int used;
	uint32_t generation;  /* of the slot's current (or last) key; never 0 once used */
	unsigned pins;        /* calls in flight holding it */
};

static struct key_slot keys[PW_KEY_SLOTS];
static unsigned key_next;   /* where the search for a slot to evict starts */

static uint32_t handle_of(unsigned slot)
{
	return keys[slot].generation << SLOT_BITS | slot;
}

/* A slot for a new key: a free one, else the next unpinned one round-robin; PW_KEY_SLOTS when
 * every slot is pinned. */
static unsigned slot_for_new_key(void)
{
	unsigned i, slot, evict = PW_KEY_SLOTS;

	for (i = 0; i < PW_KEY_SLOTS; i++) {
		slot = (key_next + i) % PW_KEY_SLOTS;
		if (!keys[slot].used) return slot;
		if (keys[slot].pins == 0 && evict == PW_KEY_SLOTS) evict = slot;
	}
	if (evict < PW_KEY_SLOTS) key_next = (evict + 1) % PW_KEY_SLOTS;
	return evict;
}

/* The same secret opened again (a new credentials object each call, as most callers make them)
 * gets the handle it already has, with the signing key already derived for its day, region and
 * service: only "AWS4" + secret is keyed again, never the four HMACs of a derivation. */
uint32_t pw_key_open(char *secret, size_t secret_len)
{
	struct pw_sigv4_key opened;
	unsigned slot;
	uint32_t generation;

	pw_sigv4_key_init(&opened, secret != NULL ? secret : "", secret != NULL ? secret_len : 0);
	pw_wipe(secret, secret != NULL ? secret_len : 0);
	for (slot = 0; slot < PW_KEY_SLOTS; slot++) {
		if (keys[slot].used && memcmp(&keys[slot].key.secret, &opened.secret, sizeof opened.secret) == 0) break;
	}
	if (slot == PW_KEY_SLOTS) {
		slot = slot_for_new_key();
		if (slot == PW_KEY_SLOTS) {
			pw_wipe(&opened, sizeof opened);
			return 0;
		}
		generation = keys[slot].generation + 1;
		if (generation > (UINT32_MAX >> SLOT_BITS)) generation = 1;
		pw_wipe(&keys[slot], sizeof keys[slot]);
		keys[slot].key = opened;
		keys[slot].used = 1;
		keys[slot].generation = generation;
	}
	pw_wipe(&opened, sizeof opened);
	return handle_of(slot);
}

static struct key_slot *slot_of(uint32_t handle)
{
	struct key_slot *k = &keys[handle & SLOT_MASK];

	return handle != 0 && k->used && k->generation == handle >> SLOT_BITS ? k : NULL;
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
	uint32_t generation;

	if (k == NULL) return;
	generation = k->generation;
	pw_wipe(k, sizeof *k);   /* its pins go too: they named this generation, now refused */
	k->generation = generation;
}

void pw_clear_key_cache(void)
{
	unsigned i;

	for (i = 0; i < PW_KEY_SLOTS; i++) pw_key_close(handle_of(i));
}
