/* JSON writers; see json.h. */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "validate.h"

/* Escapes exactly what JSON.stringify escapes (", \, control characters), so bodies built here
 * are byte-identical to the AWS SDK's. */
void pw_buf_put_json_string(pw_buf *b, const char *src, size_t len)
{
	static const char digits[] = PW_HEX_DIGITS, plain[] = "\"\\\b\f\n\r\t", escaped[] = "\"\\bfnrt";
	size_t i, run = 0;

	pw_buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];
		const char *p;
		char u[6] = { '\\', 'u', '0', '0' };

		if (c >= 0x20 && c != '"' && c != '\\') continue;
		pw_buf_put(b, src + run, i - run);
		run = i + 1;
		if (c != 0 && (p = strchr(plain, c)) != NULL) {
			u[1] = escaped[p - plain];
			pw_buf_put(b, u, 2);
		} else {
			u[4] = digits[c >> 4];
			u[5] = digits[c & 15];
			pw_buf_put(b, u, 6);
		}
	}
	pw_buf_put(b, src + run, len - run);
	pw_buf_putc(b, '"');
}

void pw_json_put_value(pw_buf *out, const cJSON *v)
{
	const cJSON *c;

	if (cJSON_IsString(v)) {
		pw_buf_put_json_string(out, v->valuestring, strlen(v->valuestring));
	} else if (cJSON_IsNumber(v)) {
		/* As the input wrote it (the reader's text), or null for what no double holds, as
		 * JSON.stringify writes a non-finite number. */
		if (v->valuestring == NULL || !isfinite(v->valuedouble)) pw_buf_puts(out, "null");
		else pw_buf_put(out, v->valuestring, (size_t)v->valueint);
	} else if (cJSON_IsTrue(v)) {
		pw_buf_puts(out, "true");
	} else if (cJSON_IsFalse(v)) {
		pw_buf_puts(out, "false");
	} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		int object = cJSON_IsObject(v);
		pw_buf_putc(out, object ? '{' : '[');
		for (c = v->child; c != NULL; c = c->next) {
			if (c != v->child) pw_buf_putc(out, ',');
			if (object) {
				pw_buf_put_json_string(out, c->string, strlen(c->string));
				pw_buf_putc(out, ':');
			}
			pw_json_put_value(out, c);
		}
		pw_buf_putc(out, object ? '}' : ']');
	} else {
		pw_buf_puts(out, "null");
	}
}

static void wipe_tree(cJSON *v)
{
	for (; v != NULL; v = v->next) {
		if (v->string != NULL) pw_wipe(v->string, strlen(v->string));
		if (v->valuestring != NULL && !cJSON_IsNumber(v)) pw_wipe(v->valuestring, strlen(v->valuestring));
		wipe_tree(v->child);
	}
}

void pw_json_delete_wiped(cJSON *v)
{
	if (v == NULL) return;
	wipe_tree(v);
	cJSON_Delete(v);
}

/* ---- the reader ------------------------------------------------------------------------------ */

/* One reader for both uses: building a cJSON tree (pw_json_parse_input), or only scanning
 * (pw_json_scan_object: nothing allocated, the same acceptance). */

#define KEY_CAP 32 /* a scan's wanted names are shorter */
#define MAX_DEPTH 1000 /* arrays and objects nested in each other, as cJSON's parser allows */

struct reader {
	const char *s;
	size_t len, at;
	int marks; /* caller input: lone surrogates and NUL as validate.h's marks */
	int build; /* 0: scan only; read_value then returns &scanned for a value */
	struct pw_json_member *wanted;
	size_t n_wanted;
	char first;            /* the top-level value's first byte */
	long key_len;          /* take_string's last length, and when scanning its meaning: */
	char key[KEY_CAP];
};

/* What a scan "builds" every value, key and link into: one item, never freed and never read, so
 * that the reader's code is the same for both uses but for allocating and freeing. */
static cJSON scanned;

/* The next byte, or 0 past the end (a NUL byte starts no JSON token either). */
static char peek(const struct reader *r)
{
	return r->at < r->len ? r->s[r->at] : 0;
}

static void skip_whitespace(struct reader *r)
{
	char c;

	while ((c = peek(r)) == ' ' || c == '\t' || c == '\n' || c == '\r') r->at++;
}

#define LONE_SURROGATE (-2)

/* The code point of the \u escape at r->at (just past "\u"), read past it, a surrogate pair read
 * whole; LONE_SURROGATE for half a pair (what follows it is read next), -1 for anything else.
 * Hex digits are no quotes, so what a code point is read from lies inside the string. */
static long read_escape(struct reader *r)
{
	const char *s = r->s + r->at;
	size_t avail = r->len - r->at;
	long hi, lo;

	if (avail < 4 || (hi = pw_hex4(s)) < 0) return -1;
	r->at += 4;
	if (hi < 0xD800 || hi > 0xDFFF) return hi;
	if (hi > 0xDBFF || avail < 10 || s[4] != '\\' || s[5] != 'u' || (lo = pw_hex4(s + 6)) < 0xDC00 || lo > 0xDFFF) {
		return LONE_SURROGATE;
	}
	r->at += 6;
	return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

/* Reads the string at r->at (its opening quote) past its closing quote. What it means
 * (unescaped, up to its first NUL: what the tree holds) goes to out, when not NULL, at most cap
 * bytes of it (unescaping never lengthens). Returns that length, or -1 when it is no JSON
 * string (a lone surrogate's escape neither, unless marks). */
static long read_string(struct reader *r, char *out, size_t cap)
{
	static const char escaped[] = "\"\\/bfnrt", meant[] = "\"\\/\b\f\n\r\t";
	static const unsigned char lead[] = { 0, 0xC0, 0xE0, 0xF0 };
	unsigned char u[4], c;
	long len = 0, cp;
	int k, i, nul = 0;
	const char *e;

	for (r->at++;;) {
		if (r->at >= r->len) return -1;
		c = (unsigned char)r->s[r->at++];
		if (c == '"') return len;
		if (c < 0x20) return -1;
		k = 1;
		u[0] = c;
		if (c == '\\') {
			c = (unsigned char)peek(r);
			r->at++;
			if (c == 'u') {
				cp = read_escape(r);
				if (r->marks && (cp == LONE_SURROGATE || cp == 0)) {
					u[0] = cp == 0 ? PW_NUL_MARK : PW_SURROGATE_MARK;
				} else if (cp < 0) {
					return -1; /* a lone surrogate is refused otherwise, as cJSON's parser refuses it */
				} else {
					/* UTF-8: the lead byte, then continuation bytes of 6 bits each */
					k = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
					u[0] = (unsigned char)(lead[k - 1] | (cp >> (6 * (k - 1))));
					for (i = 1; i < k; i++) u[i] = (unsigned char)(0x80 | ((cp >> (6 * (k - 1 - i))) & 0x3F));
				}
			} else if (c != 0 && (e = strchr(escaped, c)) != NULL) {
				u[0] = (unsigned char)meant[e - escaped];
			} else {
				return -1;
			}
		}
		/* Every reader of the tree stops at a NUL from \u0000: nothing after it is kept. */
		nul |= u[0] == 0;
		for (i = 0; i < k && !nul; i++, len++) {
			if (out != NULL && (size_t)len < cap) out[len] = (char)u[i];
		}
	}
}

/* The string at r->at as a tree's valuestring or key: a new NUL-terminated buffer when building,
 * read twice (its length, then its bytes); when scanning, &scanned's place, its meaning (what a
 * key compares as) in r->key. NULL when it is no JSON string. */
static char *take_string(struct reader *r)
{
	size_t at = r->at;
	char *out;

	r->key_len = read_string(r, r->build ? NULL : r->key, KEY_CAP);
	if (r->key_len < 0) return NULL;
	if (!r->build) return (char *)&scanned;
	if ((out = pw_malloc((size_t)r->key_len + 1)) == NULL) return NULL;
	r->at = at;
	read_string(r, out, (size_t)r->key_len);
	out[r->key_len] = 0;
	return out;
}

/* A scan's top-level member for the key just read (r->key), when wanted and not seen yet. */
static struct pw_json_member *wanted_member(const struct reader *r)
{
	size_t w;

	for (w = 0; w < r->n_wanted && r->key_len <= KEY_CAP; w++) {
		struct pw_json_member *m = &r->wanted[w];
		if (m->value == NULL && m->name_len == (size_t)r->key_len && memcmp(m->name, r->key, m->name_len) == 0) return m;
	}
	return NULL;
}

static void free_item(const struct reader *r, cJSON *item)
{
	if (r->build) pw_json_delete_wiped(item);
}

static cJSON *read_value(struct reader *r, int depth);

/* The members of the array or object at r->at, into item (when building). */
static cJSON *read_container(struct reader *r, cJSON *item, int depth)
{
	char closer = peek(r) == '[' ? ']' : '}';
	size_t value_at;
	cJSON *child;

	item->type = closer == ']' ? cJSON_Array : cJSON_Object;
	r->at++;
	skip_whitespace(r);
	if (peek(r) == closer) {
		r->at++;
		return item;
	}
	for (;;) {
		struct pw_json_member *m = NULL;
		char *key = NULL;
		if (closer == '}') {
			skip_whitespace(r);
			if (peek(r) != '"' || (key = take_string(r)) == NULL) break;
			if (!r->build && depth == 0) m = wanted_member(r);
			skip_whitespace(r);
			child = NULL;
			if (peek(r) == ':') {
				r->at++;
				skip_whitespace(r);
				value_at = r->at;
				child = read_value(r, depth + 1);
			}
			if (child == NULL) {
				if (r->build) {
					pw_wipe(key, strlen(key));
					free(key);
				}
				break;
			}
			if (m != NULL) {
				m->value = r->s + value_at;
				m->value_len = r->at - value_at;
				m->is_string = r->s[value_at] == '"';
			}
			child->string = key;
		} else if ((child = read_value(r, depth + 1)) == NULL) {
			break;
		}
		/* Members in order, each child's prev the one before it and the first's the last, as
		 * cJSON links them (and appends to them). */
		if (item->child == NULL) {
			item->child = child;
		} else {
			child->prev = item->child->prev;
			child->prev->next = child;
		}
		item->child->prev = child;
		skip_whitespace(r);
		if (peek(r) == closer) {
			r->at++;
			return item;
		}
		if (peek(r) != ',') break;
		r->at++;
	}
	free_item(r, item);
	return NULL;
}

static cJSON *read_value(struct reader *r, int depth)
{
	static const char *const words[] = { "null", "false", "true" };
	static const int word_types[] = { cJSON_NULL, cJSON_False, cJSON_True };
	cJSON *item = r->build ? pw_malloc(sizeof *item) : &scanned;
	size_t i, n;
	char c;

	if (item == NULL) return NULL;
	if (r->build) memset(item, 0, sizeof *item);
	skip_whitespace(r);
	c = peek(r);
	if (c == '"') {
		item->type = cJSON_String;
		if ((item->valuestring = take_string(r)) != NULL) return item;
	} else if ((c == '[' || c == '{') && depth < MAX_DEPTH) {
		return read_container(r, item, depth);
	} else if ((n = pw_json_number(r->s + r->at, r->len - r->at, &item->valuedouble)) > 0) {
		/* The number's text stays where the reader found it, for the writer to copy: what the
		 * glue gives is JSON.stringify's, and is sent as it is (no printing back from a double). */
		item->type = cJSON_Number | cJSON_IsReference;
		item->valuestring = (char *)(r->s + r->at);
		item->valueint = (int)n;
		r->at += n;
		return item;
	} else {
		for (i = 0; i < 3; i++) {
			n = strlen(words[i]);
			if (r->len - r->at >= n && memcmp(r->s + r->at, words[i], n) == 0) {
				item->type = word_types[i];
				r->at += n;
				return item;
			}
		}
	}
	free_item(r, item);
	return NULL;
}

static cJSON *parse(struct reader *r, const char *text, size_t len)
{
	cJSON *v;

	if (text == NULL) return NULL;
	r->s = text;
	r->len = len;
	r->at = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	skip_whitespace(r);
	r->first = peek(r);
	v = read_value(r, 0);
	skip_whitespace(r);
	if (v != NULL && r->at != len) {
		free_item(r, v);
		v = NULL;
	}
	return v;
}

static cJSON *parse_tree(const char *text, size_t len, int marks)
{
	struct reader r = { NULL, 0, 0, marks, 1, NULL, 0, 0, 0, "" };

	return parse(&r, text, len);
}

cJSON *pw_json_parse(const char *text, size_t len)
{
	return parse_tree(text, len, 0);
}

cJSON *pw_json_parse_input(const char *text, size_t len)
{
	return parse_tree(text, len, 1);
}

static void forget(struct pw_json_member *m, size_t n)
{
	while (n > 0) m[--n].value = NULL;
}

int pw_json_scan_object(const char *text, size_t len, struct pw_json_member *wanted, size_t n_wanted)
{
	struct reader r = { NULL, 0, 0, 0, 0, wanted, n_wanted, 0, 0, "" };

	forget(wanted, n_wanted);
	if (parse(&r, text, len) != NULL && r.first == '{') return 1;
	forget(wanted, n_wanted);
	return 0;
}

void pw_json_put_unescaped(pw_buf *out, const char *value, size_t len)
{
	struct reader r = { value, len, 0, 0, 0, NULL, 0, 0, 0, "" };
	long n;

	if (pw_buf_reserve(out, len) != PW_OK || (n = read_string(&r, out->data + out->len, len)) < 0) return;
	out->len += (size_t)n;
	out->data[out->len] = 0;
}
