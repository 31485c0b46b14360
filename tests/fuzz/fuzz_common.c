/* Shared helpers of the fuzz targets; see fuzz_common.h. */
#include "fuzz_common.h"
#include "result.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm_exports.h"

const char *const fz_operations[] = {
	"CreateEventTracker", "DescribeEventTracker", "ListEventTrackers", "DeleteEventTracker",
	"CreateDatasetGroup", "DescribeDatasetGroup", "ListDatasetGroups", "DeleteDatasetGroup",
	"PutEvents", "NoSuchOperation",
};
const size_t fz_n_operations = sizeof fz_operations / sizeof fz_operations[0];

void fz_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\n==fuzz== invariant failed at %s:%d: %s\n==fuzz== ", file, line, expr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---- JSON as strict as JSON.parse ----------------------------------------------------------- */

struct strict {
	const unsigned char *s;
	size_t len, i;
};

static void skip_ws(struct strict *p)
{
	while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r')) {
		p->i++;
	}
}

static int is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int strict_string(struct strict *p)
{
	if (p->i >= p->len || p->s[p->i] != '"') return 0;
	p->i++;
	while (p->i < p->len) {
		unsigned char c = p->s[p->i++];
		if (c == '"') return 1;
		if (c < 0x20) return 0;
		if (c != '\\') continue;
		if (p->i >= p->len) return 0;
		c = p->s[p->i++];
		if (c == 'u') {
			int k;
			for (k = 0; k < 4; k++) {
				if (p->i >= p->len || !is_hex(p->s[p->i])) return 0;
				p->i++;
			}
		} else if (!strchr("\"\\/bfnrt", c) || c == 0) {
			return 0;
		}
	}
	return 0;
}

static int strict_number(struct strict *p)
{
	if (p->i < p->len && p->s[p->i] == '-') p->i++;
	if (p->i >= p->len) return 0;
	if (p->s[p->i] == '0') {
		p->i++;
	} else if (p->s[p->i] >= '1' && p->s[p->i] <= '9') {
		while (p->i < p->len && is_digit(p->s[p->i])) p->i++;
	} else {
		return 0;
	}
	if (p->i < p->len && p->s[p->i] == '.') {
		p->i++;
		if (p->i >= p->len || !is_digit(p->s[p->i])) return 0;
		while (p->i < p->len && is_digit(p->s[p->i])) p->i++;
	}
	if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
		if (p->i >= p->len || !is_digit(p->s[p->i])) return 0;
		while (p->i < p->len && is_digit(p->s[p->i])) p->i++;
	}
	return 1;
}

static int strict_literal(struct strict *p, const char *word)
{
	size_t n = strlen(word);
	if (p->len - p->i < n || memcmp(p->s + p->i, word, n) != 0) return 0;
	p->i += n;
	return 1;
}

static int strict_value(struct strict *p, int depth)
{
	if (depth > 4000) return 0;
	skip_ws(p);
	if (p->i >= p->len) return 0;
	switch (p->s[p->i]) {
	case '{':
		p->i++;
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == '}') { p->i++; return 1; }
		for (;;) {
			skip_ws(p);
			if (!strict_string(p)) return 0;
			skip_ws(p);
			if (p->i >= p->len || p->s[p->i] != ':') return 0;
			p->i++;
			if (!strict_value(p, depth + 1)) return 0;
			skip_ws(p);
			if (p->i >= p->len) return 0;
			if (p->s[p->i] == '}') { p->i++; return 1; }
			if (p->s[p->i] != ',') return 0;
			p->i++;
		}
	case '[':
		p->i++;
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == ']') { p->i++; return 1; }
		for (;;) {
			if (!strict_value(p, depth + 1)) return 0;
			skip_ws(p);
			if (p->i >= p->len) return 0;
			if (p->s[p->i] == ']') { p->i++; return 1; }
			if (p->s[p->i] != ',') return 0;
			p->i++;
		}
	case '"': return strict_string(p);
	case 't': return strict_literal(p, "true");
	case 'f': return strict_literal(p, "false");
	case 'n': return strict_literal(p, "null");
	default: return strict_number(p);
	}
}

int fz_strict_json(const char *s, size_t len)
{
	struct strict p;

	p.s = (const unsigned char *)s;
	p.len = len;
	p.i = 0;
	if (!strict_value(&p, 0)) return 0;
	skip_ws(&p);
	return p.i == len;
}

int fz_valid_utf8(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i], n, k;
		uint32_t cp;
		if (c < 0x80) { i++; continue; }
		if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
		else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
		else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
		else return 0;
		if (len - i <= n) return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80) return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
		if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
		i += n + 1;
	}
	return 1;
}

cJSON *fz_field_json(const struct pw_result *r, int field, const char *what)
{
	const char *text;
	size_t len;
	cJSON *tree;

	FZ_CHECK(r != NULL, "%s returned NULL (out of memory?)", what);
	text = r->f[field].data;
	len = r->f[field].len;
	FZ_CHECK(text != NULL && memchr(text, 0, len) == NULL, "%s: field %d is missing or holds a NUL byte", what, field);
	FZ_CHECK(fz_strict_json(text, len), "%s: field %d is not valid JSON for JSON.parse: %.*s", what, field, (int)len, text);
	tree = cJSON_ParseWithLength(text, len);
	FZ_CHECK(tree != NULL, "%s: cJSON cannot parse field %d: %.*s", what, field, (int)len, text);
	return tree;
}

cJSON *fz_header_list(const struct pw_result *r, const char *what)
{
	cJSON *list;

	FZ_CHECK(r != NULL, "%s returned NULL (out of memory?)", what);
	list = pw_test_header_list(r);
	FZ_CHECK(list != NULL, "%s: a malformed header list: %.*s", what, (int)r->f[PW_SIGN_HEADERS].len, r->f[PW_SIGN_HEADERS].data);
	return list;
}

int fz_field_is(const struct pw_result *r, int field, const char *s)
{
	size_t n = strlen(s);

	return r != NULL && r->f[field].len == n && (n == 0 || memcmp(r->f[field].data, s, n) == 0);
}

size_t fz_pack(fz_buf *out, const struct fz_field *strings, size_t n)
{
	size_t i, start = out->len;

	for (i = 0; i < n; i++) {
		uint32_t len = (uint32_t)strings[i].len;
		unsigned char le[4] = { (unsigned char)len, (unsigned char)(len >> 8), (unsigned char)(len >> 16), (unsigned char)(len >> 24) };
		fz_buf_put(out, le, 4);
		if (len > 0) fz_buf_put(out, strings[i].p, len);
	}
	return out->len - start;
}

/* ---- buffers and fields ----------------------------------------------------------------------- */

void fz_buf_put(fz_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap < 256 ? 256 : b->cap;
		while (cap < b->len + n + 1) cap *= 2;
		b->data = realloc(b->data, cap);
		FZ_CHECK(b->data != NULL, "out of memory");
		b->cap = cap;
	}
	if (n > 0) memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void fz_buf_puts(fz_buf *b, const char *s)
{
	fz_buf_put(b, s, strlen(s));
}

void fz_buf_putc(fz_buf *b, char c)
{
	fz_buf_put(b, &c, 1);
}

void fz_buf_put_json_string(fz_buf *b, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	fz_buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		char esc[8];
		if (s[i] == '"' || s[i] == '\\') {
			esc[0] = '\\';
			esc[1] = (char)s[i];
			fz_buf_put(b, esc, 2);
		} else if (s[i] < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", s[i]);
			fz_buf_put(b, esc, 6);
		} else {
			fz_buf_putc(b, (char)s[i]);
		}
	}
	fz_buf_putc(b, '"');
}

void fz_buf_free(fz_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *fz_buf_dup(const fz_buf *b, size_t *len)
{
	char *copy = fz_dup(b->data, b->len);
	*len = b->len;
	return copy;
}

char *fz_dup(const void *p, size_t n)
{
	char *copy = malloc(n + 1);
	FZ_CHECK(copy != NULL, "out of memory");
	if (n > 0) memcpy(copy, p, n);
	copy[n] = 0;
	return copy;
}

size_t fz_split(const uint8_t *data, size_t size, struct fz_field *fields, size_t max)
{
	size_t n = 0, start = 0, i;

	if (max == 0) return 0;
	for (i = 0; i < size && n + 1 < max; i++) {
		if (data[i] != 0) continue;
		fields[n].p = (const char *)data + start;
		fields[n].len = i - start;
		n++;
		start = i + 1;
	}
	fields[n].p = (const char *)data + start;
	fields[n].len = size - start;
	return n + 1;
}
