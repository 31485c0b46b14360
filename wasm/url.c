/* WHATWG URL reading of custom endpoints; see url.h. The steps follow the URL Standard's host
 * parser (https://url.spec.whatwg.org/#host-parsing) for the special schemes http and https. */
#include "url.h"

#include <stdint.h>
#include <string.h>

#include "ascii.h"

#define E "Invalid Configuration: endpoint "
static const char NOT_HTTP[] = E "must be an http:// or https:// URL";
static const char BAD_CHAR[] = E "must not contain spaces, control characters or backslashes";
static const char QUERY[] = E "must not have a query (?) or fragment (#)";
static const char USERINFO[] = E "must not contain a user name or password (@)";
static const char NO_HOST[] = E "must have a host";
static const char PORT[] = E "port must be 1 to 65535";
static const char HOST_CHARS[] = E "host may contain only letters, digits, -, _ and . (at most 255)";
static const char EMPTY_LABEL[] = E "host must not have empty labels";
static const char IDN[] = E "host must not be an internationalized (non-ASCII or xn--) name";
static const char IPV4[] = E "host ends in a number but is not an IPv4 address";
static const char IPV6[] = E "host is not an IPv6 address this client reads (hex groups, one ::, no zone or IPv4 part)";
static const char PATH_CHARS[] = E "path may contain only letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ /";
static const char DOT_SEGMENT[] = E "path must not have . or .. segments";
#undef E

#define REFUSE(e, message) pw_refuse((e), "EndpointError", (message))

/* ---- IPv4 ------------------------------------------------------------------------------------ */

/* One part: decimal, 0x hex or 0 octal ("0x" alone is 0); values past 2^32 saturate there. */
static pw_status ipv4_number(const char *s, size_t n, uint64_t *out)
{
	unsigned radix = 10;
	uint64_t v = 0;
	int d;

	if (n == 0) return PW_ERROR;
	if (n >= 2 && s[0] == '0' && s[1] == 'x') {
		radix = 16;
		s += 2;
		n -= 2;
	} else if (n >= 2 && s[0] == '0') {
		radix = 8;
		s++;
		n--;
	}
	for (; n > 0; s++, n--) {
		if ((d = pw_hex_value((unsigned char)*s)) < 0 || (unsigned)d >= radix) return PW_ERROR;
		v = v * radix + (unsigned)d;
		if (v > 0xFFFFFFFFu) v = 0x100000000u;
	}
	*out = v;
	return PW_OK;
}

/* The URL Standard's IPv4 parser on a lower-case host: "127.1", "2130706433", "0x7f.0.0.1". */
static pw_status ipv4_parse(const char *h, size_t n, uint32_t *out)
{
	uint64_t part[4], v;
	size_t count = 0, i = 0, j, k;

	if (n > 0 && h[n - 1] == '.') n--;
	for (;;) {
		for (j = i; j < n && h[j] != '.'; j++) {}
		if (count == 4 || ipv4_number(h + i, j - i, &part[count]) != PW_OK) return PW_ERROR;
		count++;
		if (j == n) break;
		i = j + 1;
	}
	v = part[count - 1];
	if (v >> (8 * (5 - count)) != 0) return PW_ERROR;
	for (k = 0; k + 1 < count; k++) {
		if (part[k] > 255) return PW_ERROR;
		v += part[k] << (8 * (3 - k));
	}
	*out = (uint32_t)v;
	return PW_OK;
}

/* The URL Standard's "ends in a number": the last label (before a trailing dot) is all digits, or
 * it parses as an IPv4 number (which adds 0x and hex digits: 0-prefixed octal is digits anyway). */
static int ends_in_number(const char *h, size_t n)
{
	size_t start, i;
	uint64_t v;

	if (n > 0 && h[n - 1] == '.') n--;
	for (start = n; start > 0 && h[start - 1] != '.'; start--) {}
	if (ipv4_number(h + start, n - start, &v) == PW_OK) return 1;
	for (i = start; i < n; i++) if (h[i] < '0' || h[i] > '9') return 0;
	return n > start;
}

/* ---- IPv6 ------------------------------------------------------------------------------------ */

/* The URL Standard's IPv6 parser, without the embedded-IPv4 form; then its serializer: lower-case
 * hex without leading zeros, the first longest run of two or more zero pieces as "::". */
static pw_status ipv6(pw_buf *out, const char *s, size_t len, struct pw_error *e)
{
	static const char digits[] = PW_HEX_DIGITS;
	unsigned piece[8] = { 0 }, v;
	int n = 0, compress = -1, best = -1, best_len = 1, k, run;
	size_t i = 0;

	if (len > 0 && s[0] == ':') {
		if (len < 2 || s[1] != ':') return REFUSE(e, IPV6);
		i = 2;
		compress = n = 1;
	}
	while (i < len) {
		if (n == 8) return REFUSE(e, IPV6);
		if (s[i] == ':') {
			if (compress >= 0) return REFUSE(e, IPV6);
			i++;
			compress = ++n;
			continue;
		}
		for (v = 0, k = 0; k < 4 && i < len && pw_hex_value((unsigned char)s[i]) >= 0; k++, i++) {
			v = v * 16 + (unsigned)pw_hex_value((unsigned char)s[i]);
		}
		if (i < len && (s[i] != ':' || ++i == len)) return REFUSE(e, IPV6);
		piece[n++] = v;
	}
	if (compress >= 0) {
		/* Swap the pieces after "::" to the end, as the Standard does. */
		for (k = 7, run = n - compress; k != 0 && run > 0; k--, run--) {
			v = piece[k];
			piece[k] = piece[compress + run - 1];
			piece[compress + run - 1] = v;
		}
	} else if (n != 8) {
		return REFUSE(e, IPV6);
	}
	for (k = 0; k < 8; k++) {
		for (run = 0; k + run < 8 && piece[k + run] == 0; run++) {}
		if (run > best_len) {
			best = k;
			best_len = run;
		}
	}
	pw_buf_putc(out, '[');
	for (k = 0; k < 8; k++) {
		if (k == best) {
			pw_buf_puts(out, k == 0 ? "::" : ":");
			k += best_len - 1;
			continue;
		}
		for (run = 12; run > 0 && (piece[k] >> run) == 0; run -= 4) {}
		for (; run >= 0; run -= 4) pw_buf_putc(out, digits[(piece[k] >> run) & 15]);
		if (k < 7) pw_buf_putc(out, ':');
	}
	pw_buf_putc(out, ']');
	return PW_OK;
}

/* ---- the host -------------------------------------------------------------------------------- */

pw_status pw_url_host(pw_buf *out, const char *s, size_t len, struct pw_error *e)
{
	char h[255];
	size_t n, i, start;
	uint32_t a;

	if (len == 0) return REFUSE(e, NO_HOST);
	if (s[0] == '[') {
		if (len < 2 || s[len - 1] != ']') return REFUSE(e, IPV6);
		return ipv6(out, s + 1, len - 2, e);
	}
	/* Lower-cased, as URL's domain-to-ASCII does for ASCII names. URL would percent-decode the
	 * name first: %XX escapes are refused with '%', which is not in the set. */
	if (len > sizeof h) return REFUSE(e, HOST_CHARS);
	for (n = 0; n < len; n++) {
		int c = (unsigned char)pw_ascii_lower(s[n]);
		if (c >= 0x80) return REFUSE(e, IDN);
		if (!pw_ascii_is_alnum(c) && c != '-' && c != '_' && c != '.') return REFUSE(e, HOST_CHARS);
		h[n] = (char)c;
	}
	/* Labels: none empty but the one after a trailing dot; none in Punycode (which URL would
	 * decode and check against Unicode's IDNA tables, not reproduced here). */
	for (start = 0; start <= n; start = i + 1) {
		for (i = start; i < n && h[i] != '.'; i++) {}
		if (i == start && (i < n || start == 0)) return REFUSE(e, EMPTY_LABEL);
		if (i - start >= 4 && memcmp(h + start, "xn--", 4) == 0) return REFUSE(e, IDN);
	}
	if (!ends_in_number(h, n)) {
		pw_buf_put(out, h, n);
		return PW_OK;
	}
	if (ipv4_parse(h, n, &a) != PW_OK) return REFUSE(e, IPV4);
	for (i = 0; i < 4; i++) {
		if (i > 0) pw_buf_putc(out, '.');
		pw_buf_put_uint(out, (a >> (24 - 8 * i)) & 255);
	}
	return PW_OK;
}

/* ---- the whole URL ----------------------------------------------------------------------------- */

/* pchar (RFC 3986) and '/', but '%': what URL's path parser leaves as it is (it would keep %XX
 * as well, but treat %2e as a dot), and no dot segments, which it would remove. */
static pw_status check_path(const char *p, size_t len, struct pw_error *e)
{
	size_t i, dots = 0;

	for (i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)p[i] : '/';
		if (c == '/') {
			if (dots == 1 || dots == 2) return REFUSE(e, DOT_SEGMENT);
			dots = 0;
		} else if (pw_ascii_is_alnum(c) || (c < 0x80 && strchr("-._~!$&'()*+,;=:@", c) != NULL)) {
			dots = c == '.' && dots < 3 ? dots + 1 : 3;
		} else {
			return REFUSE(e, PATH_CHARS);
		}
	}
	return PW_OK;
}

pw_status pw_url_parse(const char *u, size_t len, struct pw_url *out, struct pw_error *e)
{
	size_t i, host_start, host_end, auth_end;
	pw_status s;

	/* The scheme in any case; exactly two slashes ("http:///x" is host x to URL, which skips
	 * any number of them, and "http:x" host x: refused rather than followed). */
	for (i = 0; i < len && i < 8 && u[i] != ':'; i++) {}
	host_start = i + 3;
	if (host_start > len || u[i + 1] != '/' || u[i + 2] != '/' || (i != 4 && i != 5)
		|| !pw_ascii_eq_lower(u, "https", i)) {
		return REFUSE(e, NOT_HTTP);
	}
	out->https = i == 5;
	out->port = 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)u[i];
		if (c <= ' ' || c == 0x7F || c == '\\') return REFUSE(e, BAD_CHAR);
		if (c == '?' || c == '#') return REFUSE(e, QUERY);
	}
	for (auth_end = host_start; auth_end < len && u[auth_end] != '/'; auth_end++) {
		if (u[auth_end] == '@') return REFUSE(e, USERINFO);
	}
	/* The port follows the last ':' after the host (after the ']' of an IPv6 address). */
	for (host_end = auth_end; host_end > host_start && u[host_end - 1] != ':' && u[host_end - 1] != ']'; host_end--) {}
	if (host_end == host_start || u[host_end - 1] != ':') {
		host_end = auth_end;
	} else {
		for (i = host_end; i < auth_end; i++) {
			if (u[i] < '0' || u[i] > '9' || (out->port = out->port * 10 + (unsigned long)(u[i] - '0')) > 65535) return REFUSE(e, PORT);
		}
		/* An empty port is none (as URL has it); the scheme's default is dropped, as URL drops it. */
		if (auth_end > host_end && out->port == 0) return REFUSE(e, PORT);
		host_end--;
		if (out->port == (out->https ? 443u : 80u)) out->port = 0;
	}
	if ((s = pw_url_host(&out->host, u + host_start, host_end - host_start, e)) != PW_OK) return s;
	if ((s = check_path(u + auth_end, len - auth_end, e)) != PW_OK) return s;
	out->path = u + auth_end;
	out->path_len = len - auth_end;
	return PW_OK;
}
