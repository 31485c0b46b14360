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

#define MAX_DEPTH 1000 /* arrays and objects nested in each other, as cJSON's parser allows */

struct reader {
	const char *s;
	size_t len, at;
	int marks; /* caller input: lone surrogates and NUL as validate.h's marks */
};

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

/* The code point of the \u escape at r->at (just past "\u"), a surrogate pair read whole;
 * LONE_SURROGATE for half a pair (what follows it is read next), -1 for anything else. end: the
 * string's. */
static long read_escape(struct reader *r, size_t end)
{
	long hi, lo;

	if (end - r->at < 4 || (hi = pw_hex4(r->s + r->at)) < 0) return -1;
	r->at += 4;
	if (hi < 0xD800 || hi > 0xDFFF) return hi;
	if (hi > 0xDBFF || end - r->at < 6 || r->s[r->at] != '\\' || r->s[r->at + 1] != 'u'
		|| (lo = pw_hex4(r->s + r->at + 2)) < 0xDC00 || lo > 0xDFFF) {
		return LONE_SURROGATE;
	}
	r->at += 6;
	return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

/* The string starting at r->at (its opening quote), unescaped into a new NUL-terminated buffer. */
static char *read_string(struct reader *r)
{
	static const char escaped[] = "\"\\/bfnrt", meant[] = "\"\\/\b\f\n\r\t";
	static const unsigned char lead[] = { 0, 0xC0, 0xE0, 0xF0 };
	size_t end, n = 0, first_nul = (size_t)-1;
	int k;
	char *out;

	/* The closing quote; every byte before it is one a JSON string may hold as it is. */
	for (end = ++r->at; end < r->len && r->s[end] != '"'; end++) {
		if ((unsigned char)r->s[end] < 0x20) return NULL;
		if (r->s[end] == '\\') end++;
	}
	if (end >= r->len) return NULL;
	/* Unescaping never lengthens: \uXXXX (6 bytes) is at most 3 bytes of UTF-8, a pair (12) 4. */
	if ((out = pw_malloc(end - r->at + 1)) == NULL) return NULL;
	while (r->at < end) {
		const char *e;
		long cp;

		if (r->s[r->at] != '\\') {
			out[n++] = r->s[r->at++];
		} else if (r->s[++r->at] == 'u') {
			r->at++;
			cp = read_escape(r, end);
			if (r->marks && (cp == LONE_SURROGATE || cp == 0)) {
				out[n++] = (char)(cp == 0 ? PW_NUL_MARK : PW_SURROGATE_MARK);
				continue;
			}
			/* A lone surrogate is refused otherwise, as cJSON's parser refuses it. */
			if (cp < 0) goto refused;
			if (cp == 0 && first_nul == (size_t)-1) first_nul = n;
			/* UTF-8: the lead byte, then k continuation bytes of 6 bits each */
			k = cp < 0x80 ? 0 : cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
			out[n++] = (char)(lead[k] | (cp >> (6 * k)));
			while (k-- > 0) out[n++] = (char)(0x80 | ((cp >> (6 * k)) & 0x3F));
		} else if ((e = strchr(escaped, r->s[r->at])) != NULL && *e != 0) {
			out[n++] = meant[e - escaped];
			r->at++;
		} else {
			goto refused;
		}
	}
	/* Every reader of the tree stops at a NUL from \u0000, and so does its wipe (wipe_tree):
	 * nothing may stay behind it. */
	if (first_nul < n) pw_wipe(out + first_nul, n - first_nul);
	out[n] = 0;
	r->at = end + 1;
	return out;
refused: /* a bad escape; what was copied may be sensitive */
	pw_wipe(out, n);
	free(out);
	return NULL;
}

static cJSON *read_value(struct reader *r, int depth)
{
	static const char *const words[] = { "null", "false", "true" };
	static const int word_types[] = { cJSON_NULL, cJSON_False, cJSON_True };
	cJSON *item = pw_malloc(sizeof *item), *child;
	char c, closer;
	size_t i, n;

	if (item == NULL) return NULL;
	memset(item, 0, sizeof *item);
	skip_whitespace(r);
	c = peek(r);
	if (c == '"') {
		item->type = cJSON_String;
		if ((item->valuestring = read_string(r)) != NULL) return item;
	} else if ((c == '[' || c == '{') && depth < MAX_DEPTH) {
		/* Members in order, each child's prev the one before it and the first's the last, as
		 * cJSON links them (and appends to them). */
		closer = c == '[' ? ']' : '}';
		item->type = c == '[' ? cJSON_Array : cJSON_Object;
		r->at++;
		skip_whitespace(r);
		if (peek(r) == closer) {
			r->at++;
			return item;
		}
		for (;;) {
			char *key = NULL;
			if (closer == '}') {
				skip_whitespace(r);
				if (peek(r) != '"' || (key = read_string(r)) == NULL) break;
				skip_whitespace(r);
				if (peek(r) == ':') {
					r->at++;
					child = read_value(r, depth + 1);
				} else {
					child = NULL;
				}
				if (child == NULL) {
					pw_wipe(key, strlen(key));
					free(key);
					break;
				}
				child->string = key;
			} else if ((child = read_value(r, depth + 1)) == NULL) {
				break;
			}
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
	pw_json_delete_wiped(item);
	return NULL;
}

static cJSON *parse(const char *text, size_t len, int marks)
{
	struct reader r;
	cJSON *v;

	if (text == NULL) return NULL;
	r.s = text;
	r.len = len;
	r.marks = marks;
	r.at = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	v = read_value(&r, 0);
	skip_whitespace(&r);
	if (v != NULL && r.at != len) {
		pw_json_delete_wiped(v);
		v = NULL;
	}
	return v;
}

cJSON *pw_json_parse(const char *text, size_t len)
{
	return parse(text, len, 0);
}

cJSON *pw_json_parse_input(const char *text, size_t len)
{
	return parse(text, len, 1);
}
