#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/sha256.h"

/* NIST FIPS 180-4 example vectors (SHA-256 examples, csrc.nist.gov). */
static const struct {
	const char *msg;
	const char *hex;
} vectors[] = {
	{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	{"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
	 "mnopqrstnopqrstu",
	 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
};

START_TEST(test_vectors)
{
	char hex[SHA256_HEX_LEN + 1];
	sha256_hex(vectors[_i].msg, strlen(vectors[_i].msg), hex);
	ck_assert_str_eq(hex, vectors[_i].hex);
}
END_TEST

START_TEST(test_million_a_in_odd_chunks)
{
	struct sha256_ctx ctx;
	unsigned char d[SHA256_DIGEST_LEN];
	char *buf = malloc(1000000);
	size_t done = 0, step = 1;
	static const char expect[] = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	char hex[65];

	memset(buf, 'a', 1000000);
	sha256_init(&ctx);
	while (done < 1000000) {
		size_t n = step > 1000000 - done ? 1000000 - done : step;
		sha256_update(&ctx, buf + done, n);
		done += n;
		step = step * 3 + 1; /* crosses block boundaries at odd offsets */
	}
	sha256_final(&ctx, d);
	for (int i = 0; i < 32; i++) {
		static const char digits[] = "0123456789abcdef";
		hex[i * 2] = digits[d[i] >> 4];
		hex[i * 2 + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
	ck_assert_str_eq(hex, expect);
	sha256_hex(buf, 1000000, hex);
	ck_assert_str_eq(hex, expect);
	free(buf);
}
END_TEST

/* Lengths around the padding boundary (55, 56, 63, 64, 65 bytes). */
START_TEST(test_padding_boundaries)
{
	static const struct { size_t n; const char *hex; } cases[] = {
		{55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
		{56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
		{64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
	};
	char buf[128], hex[65];
	memset(buf, 'a', sizeof(buf));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sha256_hex(buf, cases[i].n, hex);
		ck_assert_str_eq(hex, cases[i].hex);
	}
}
END_TEST

Suite *suite_sha256(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("nist");
	tcase_add_loop_test(tc, test_vectors, 0, sizeof(vectors) / sizeof(vectors[0]));
	tcase_add_test(tc, test_million_a_in_odd_chunks);
	tcase_add_test(tc, test_padding_boundaries);
	suite_add_tcase(s, tc);
	return s;
}
