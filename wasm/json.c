/* JSON writers; see json.h. */
#include "json.h"

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
		pw_json_put_number(out, v->valuedouble);
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
		if (v->valuestring != NULL) pw_wipe(v->valuestring, strlen(v->valuestring));
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

#define MAX_DEPTH 1000 /* arrays and objects nested in each other, as cJSON's parser allows */

struct reader {
	const char *s;
	size_t len, at;
	int marks; /* caller input: lone surrogates and NUL as validate.h's marks */
	int build; /* 0: scan only; read_value then returns &scanned for a value */
	struct pw_json_member *wanted;
	size_t n_wanted;
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

/* The code point of the \u escape at s (just past "\u", avail bytes to the string's end), a
 * surrogate pair read whole; LONE_SURROGATE for half a pair (what follows it is read next), -1
 * for anything else. *used: the bytes read. */
static long read_escape(const char *s, size_t avail, size_t *used)
{
	long hi, lo;

	if (avail < 4 || (hi = pw_hex4(s)) < 0) return -1;
	*used = 4;
	if (hi < 0xD800 || hi > 0xDFFF) return hi;
	if (hi > 0xDBFF || avail < 10 || s[4] != '\\' || s[5] != 'u' || (lo = pw_hex4(s + 6)) < 0xDC00 || lo > 0xDFFF) {
		return LONE_SURROGATE;
	}
	*used = 10;
	return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

/* Unescapes the string content s[0..n) (no closing quote in it) and writes the first cap bytes
 * of what it means to out (n bytes are room for all: unescaping never lengthens). Returns the
 * whole unescaped length, or -1 for a bad escape (a lone surrogate too, unless marks). */
static long unescape(const char *s, size_t n, char *out, size_t cap, int marks)
{
	static const char escaped[] = "\"\\/bfnrt", meant[] = "\"\\/\b\f\n\r\t";
	static const unsigned char lead[] = { 0, 0xC0, 0xE0, 0xF0 };
	size_t i = 0, k, used;
	unsigned char u[4];
	long len = 0, cp;
	const char *e;

	while (i < n) {
		k = 1;
		if (s[i] != '\\') {
			u[0] = (unsigned char)s[i++];
		} else if (s[++i] == 'u') {
			cp = read_escape(s + i + 1, n - i - 1, &used);
			i += 1 + (cp == -1 ? 0 : used);
			if (marks && (cp == LONE_SURROGATE || cp == 0)) {
				u[0] = cp == 0 ? PW_NUL_MARK : PW_SURROGATE_MARK;
			} else if (cp < 0) {
				return -1; /* a lone surrogate is refused otherwise, as cJSON's parser refuses it */
			} else {
				/* UTF-8: the lead byte, then continuation bytes of 6 bits each */
				k = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
				u[0] = (unsigned char)(lead[k - 1] | (cp >> (6 * (k - 1))));
				for (used = 1; used < k; used++) u[used] = (unsigned char)(0x80 | ((cp >> (6 * (k - 1 - used))) & 0x3F));
			}
		} else if ((e = strchr(escaped, s[i])) != NULL && *e != 0) {
			u[0] = (unsigned char)meant[e - escaped];
			i++;
		} else {
			return -1;
		}
		for (used = 0; used < k; used++, len++) {
			if ((size_t)len < cap) out[len] = (char)u[used];
		}
	}
	return len;
}

/* The string starting at r->at (its opening quote): unescaped into a new NUL-terminated buffer
 * when building; &scanned's place (non-NULL) when scanning; NULL when it is no JSON string.
 * *start, *n: its content as written. */
static char *read_string(struct reader *r, const char **start, size_t *n)
{
	size_t end;
	long len;
	char *out, *nul;

	/* The closing quote; every byte before it is one a JSON string may hold as it is. */
	for (end = ++r->at; end < r->len && r->s[end] != '"'; end++) {
		if ((unsigned char)r->s[end] < 0x20) return NULL;
		if (r->s[end] == '\\') end++;
	}
	if (end >= r->len) return NULL;
	*start = r->s + r->at;
	*n = end - r->at;
	r->at = end + 1;
	if (!r->build) return unescape(*start, *n, NULL, 0, 0) >= 0 ? (char *)&scanned : NULL;
	if ((out = pw_malloc(*n + 1)) == NULL) return NULL;
	if ((len = unescape(*start, *n, out, *n, r->marks)) < 0) {
		pw_wipe(out, *n); /* what was copied may be sensitive */
		free(out);
		return NULL;
	}
	/* Every reader of the tree stops at a NUL from \u0000, and so does its wipe (wipe_tree):
	 * nothing may stay behind it. */
	if ((nul = memchr(out, 0, (size_t)len)) != NULL) pw_wipe(nul, (size_t)(out + len - nul));
	out[len] = 0;
	return out;
}

/* A scan's top-level member for the key s[0..n), when wanted and not seen yet; keys compared as
 * the tree holds them: unescaped, up to a NUL. */
static struct pw_json_member *wanted_member(const struct reader *r, const char *s, size_t n)
{
	char key[32];
	long len = unescape(s, n, key, sizeof key, 0), i;
	size_t w;

	for (i = 0; i < len && i < (long)sizeof key; i++) {
		if (key[i] == 0) len = i;
	}
	for (w = 0; w < r->n_wanted && len <= (long)sizeof key; w++) {
		struct pw_json_member *m = &r->wanted[w];
		if (m->value == NULL && m->name_len == (size_t)len && memcmp(m->name, key, (size_t)len) == 0) return m;
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
	const char *start;
	size_t n, value_at;
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
			if (peek(r) != '"' || (key = read_string(r, &start, &n)) == NULL) break;
			if (!r->build && depth == 0) m = wanted_member(r, start, n);
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
	const char *start;
	size_t i, n;
	char c;

	if (item == NULL) return NULL;
	if (r->build) memset(item, 0, sizeof *item);
	skip_whitespace(r);
	c = peek(r);
	if (c == '"') {
		item->type = cJSON_String;
		if ((item->valuestring = read_string(r, &start, &n)) != NULL) return item;
	} else if ((c == '[' || c == '{') && depth < MAX_DEPTH) {
		return read_container(r, item, depth);
	} else if ((n = pw_json_number(r->s + r->at, r->len - r->at, &item->valuedouble)) > 0) {
		item->type = cJSON_Number;
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
	v = read_value(r, 0);
	skip_whitespace(r);
	if (v != NULL && r->at != len) {
		free_item(r, v);
		v = NULL;
	}
	return v;
}

cJSON *pw_json_parse(const char *text, size_t len)
{
	struct reader r = { NULL, 0, 0, 0, 1, NULL, 0 };

	return parse(&r, text, len);
}

cJSON *pw_json_parse_input(const char *text, size_t len)
{
	struct reader r = { NULL, 0, 0, 1, 1, NULL, 0 };

	return parse(&r, text, len);
}

int pw_json_scan_object(const char *text, size_t len, struct pw_json_member *wanted, size_t n_wanted)
{
	struct reader r = { NULL, 0, 0, 0, 0, wanted, n_wanted };
	size_t i, at = len >= 3 && text != NULL && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	for (i = 0; i < n_wanted; i++) wanted[i].value = NULL;
	while (text != NULL && at < len && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) at++;
	if (text == NULL || at >= len || text[at] != '{') return 0; /* not an object (if JSON at all) */
	if (parse(&r, text, len) != NULL) return 1;
	for (i = 0; i < n_wanted; i++) wanted[i].value = NULL;
	return 0;
}

void pw_json_put_unescaped(pw_buf *out, const char *value, size_t len)
{
	long n;
	char *at, *nul;

	if (len < 2 || pw_buf_reserve(out, len) != PW_OK) return;
	at = out->data + out->len;
	if ((n = unescape(value + 1, len - 2, at, len - 2, 0)) < 0) return;
	/* as the tree holds it: up to its first NUL */
	if ((nul = memchr(at, 0, (size_t)n)) != NULL) {
		pw_wipe(nul, (size_t)(at + n - nul));
		n = nul - at;
	}
	out->len += (size_t)n;
	out->data[out->len] = 0;
}
