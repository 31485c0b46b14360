/* Number conversions; see number.h. */
#include "number.h"

#include <math.h>
#include <stdint.h>
#include <string.h>


/* Beyond the fast path, powers of ten are carried in double-double arithmetic (about 106 bits),
 * scaled to [0.5, 1) with a separate binary exponent so nothing overflows, and rounded once at
 * the end: correctly rounded but for near-ties. */
typedef struct {
	double hi, lo;
} dd;

/* a * b exactly, as p + err (Dekker's product, no fma needed). */
static void two_product(double a, double b, double *p, double *err)
{
	const double split = 134217729.0; /* 2^27 + 1 */
	double ca = split * a, cb = split * b;
	double ah = ca - (ca - a), al = a - ah, bh = cb - (cb - b), bl = b - bh;

	*p = a * b;
	*err = ((ah * bh - *p) + ah * bl + al * bh) + al * bl;
}

static dd quick_two_sum(double a, double b)
{
	dd r;
	r.hi = a + b;
	r.lo = b - (r.hi - a);
	return r;
}

static dd dd_mul(dd a, dd b)
{
	double p, err;
	two_product(a.hi, b.hi, &p, &err);
	return quick_two_sum(p, err + a.hi * b.lo + a.lo * b.hi);
}

static dd dd_div(dd a, dd b)
{
	double q1 = a.hi / b.hi, p, err, q2;
	dd r;

	two_product(q1, b.hi, &p, &err);
	r.hi = a.hi - p;
	r.lo = a.lo - err - q1 * b.lo;
	q2 = (r.hi + r.lo) / b.hi;
	return quick_two_sum(q1, q2);
}

/* Powers of two by their bits, instead of musl's frexp and ldexp (0.3 KB for every case, where
 * these need only finite values and exact results). */

/* 2^k, for -1022 <= k <= 1023. */
static double pow2(int k)
{
	uint64_t bits = (uint64_t)(k + 1023) << 52;
	double d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

/* x * 2^k: exact whenever the result is a normal double, or a subnormal one that x * 2^-1022
 * reaches exactly (round_scaled's multiple of 2^-1074); otherwise at most rounded twice. */
static double scale2(double x, int k)
{
	for (; k > 1023; k -= 1023) x *= pow2(1023);
	for (; k < -1022; k += 1022) x *= pow2(-1022);
	return x * pow2(k);
}

/* frexp for finite d: m with 0.5 <= |m| < 1 (0 for 0) and *e with d = m * 2^*e. */
static double split2(double d, int *e)
{
	uint64_t bits;
	int biased, subnormal = 0;

	memcpy(&bits, &d, sizeof d);
	biased = (int)(bits >> 52 & 0x7FF);
	if (biased == 0) {
		if (d == 0) {
			*e = 0;
			return d;
		}
		d *= pow2(64); /* subnormal: made normal first */
		memcpy(&bits, &d, sizeof d);
		biased = (int)(bits >> 52 & 0x7FF);
		subnormal = 64;
	}
	*e = biased - 1022 - subnormal;
	bits = (bits & ~((uint64_t)0x7FF << 52)) | (uint64_t)1022 << 52;
	memcpy(&d, &bits, sizeof d);
	return d;
}

/* Scales a to [0.5, 1) in magnitude, adding the binary exponent to *e. */
static dd dd_normalize(dd a, int *e)
{
	int k;
	a.hi = split2(a.hi, &k);
	a.lo = scale2(a.lo, -k);
	*e += k;
	return a;
}

/* 10^n as a double-double scaled to [0.5, 1), and its binary exponent. */
static dd pow10_dd(int n, int *bexp)
{
	dd p = { 1, 0 }, ten = { 10, 0 };
	int i;

	*bexp = 0;
	for (i = 0; i < n; i++) p = dd_normalize(dd_mul(p, ten), bexp);
	return p;
}

/* (s.hi + s.lo) * 2^e rounded once to a double. Scaling is exact for normal results; a subnormal
 * result has fewer bits, so it is rounded to a multiple of 2^-1074 directly (ties to even). */
static double round_scaled(dd s, int e)
{
	double r = scale2(s.hi + s.lo, e), unit, q, whole, rem, below;

	if (r >= 2.2250738585072014e-308) return r;
	unit = scale2(1.0, -1074 - e);
	q = s.hi / unit;
	whole = floor(q);
	rem = (q - whole) + s.lo / unit;
	below = floor(rem);
	whole += below;
	rem -= below;
	if (rem > 0.5 || (rem == 0.5 && ((uint64_t)whole & 1))) whole += 1;
	return scale2(whole, -1074);
}

/* 10^0 .. 10^22 are exact doubles. */
static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* mantissa * 10^e, correctly rounded: one IEEE operation when mantissa < 2^53 and |e| <= 22
 * (Clinger's fast path), double-double arithmetic otherwise. */
static double decimal_to_double(uint64_t mantissa, int e)
{
	dd m, p;
	int mexp = 0, pexp;

	if (mantissa < (1ull << 53) && e >= -22 && e <= 22) {
		return e >= 0 ? (double)mantissa * exact_pow10[e] : (double)mantissa / exact_pow10[-e];
	}
	m.hi = (double)(mantissa & ~(uint64_t)0x7FF); /* both parts exact */
	m.lo = (double)(mantissa & 0x7FF);
	m = dd_normalize(quick_two_sum(m.hi, m.lo), &mexp);
	p = pow10_dd(e < 0 ? -e : e, &pexp);
	if (e >= 0) return round_scaled(dd_mul(m, p), mexp + pexp);
	return round_scaled(dd_div(m, p), mexp - pexp);
}


static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Only JSON's number grammar, -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?, as JSON.parse reads it ("01",
 * "+1", "1.", ".5" are no numbers, or a number and then something else). Digits past the 19th
 * significant one are dropped. */
size_t pw_json_number(const char *s, size_t len, double *out)
{
#define AT(k) ((k) < len ? s[k] : 0)
	size_t i = 0;
	uint64_t mantissa = 0;
	int exp10 = 0, digits = 0, negative = 0;
	double v;

	if (AT(i) == '-') {
		negative = 1;
		i++;
	}
	if (AT(i) == '0') {
		i++;
	} else if (AT(i) >= '1' && AT(i) <= '9') {
		for (; is_digit(AT(i)); i++) {
			if (digits < 19) {
				mantissa = mantissa * 10 + (uint64_t)(s[i] - '0');
				digits++;
			} else {
				exp10++;
			}
		}
	} else {
		return 0;
	}
	if (AT(i) == '.' && is_digit(AT(i + 1))) {
		for (i++; is_digit(AT(i)); i++) {
			if (digits < 19) {
				mantissa = mantissa * 10 + (uint64_t)(s[i] - '0');
				if (mantissa != 0) digits++;
				exp10--;
			}
		}
	}
	if ((AT(i) == 'e' || AT(i) == 'E') && (is_digit(AT(i + 1)) || ((AT(i + 1) == '-' || AT(i + 1) == '+') && is_digit(AT(i + 2))))) {
		int sign = AT(i + 1) == '-' ? -1 : 1, e = 0;
		i += is_digit(AT(i + 1)) ? 1 : 2;
		for (; is_digit(AT(i)); i++) if (e < 100000) e = e * 10 + (s[i] - '0');
		exp10 += sign * e;
	}
#undef AT
	if (mantissa == 0) v = 0;
	else if (exp10 + digits > 310) v = INFINITY;
	else if (exp10 + digits < -330) v = 0;
	else v = decimal_to_double(mantissa, exp10);
	*out = negative ? -v : v;
	return i;
}
