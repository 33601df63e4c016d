/* cryptolib-p11sign MODULE PIN ID_HEX IN OUT: CKM_RSA_PKCS with the private key of that CKA_ID, asking
 * the signature's length first (C_Sign with no buffer), as PKCS#11 callers usually do.
 * scripts/cryptolib-check.sh builds it against the Cryptolib's pkcs11.h for the CPS4's
 * authentication key: the Cryptolib's ChipDoc driver takes the caller's output length as Le,
 * and pkcs11-tool passes a buffer longer than 256 bytes, which the driver's own APDU check
 * refuses (CKR_ARGUMENTS_BAD) before anything reaches the card. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pkcs11.h"
#define CK(call) do { CK_RV rv_ = (call); if (rv_ != CKR_OK) { fprintf(stderr, "%s: 0x%lx\n", #call, (unsigned long)rv_); return 1; } } while (0)
int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: cryptolib-p11sign MODULE PIN ID_HEX IN OUT\n"); return 2; }
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
  CK_C_GetFunctionList gfl = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
  CK_FUNCTION_LIST_PTR f; CK_SLOT_ID slots[8]; CK_ULONG n = 8; CK_SESSION_HANDLE s;
  CK(gfl(&f)); CK(f->C_Initialize(NULL)); CK(f->C_GetSlotList(CK_TRUE, slots, &n));
  if (n == 0) { fprintf(stderr, "no token\n"); return 1; }
  CK(f->C_OpenSession(slots[0], CKF_SERIAL_SESSION, NULL, NULL, &s));
  CK(f->C_Login(s, CKU_USER, (CK_UTF8CHAR_PTR)argv[2], strlen(argv[2])));
  unsigned char id[64]; size_t idlen = strlen(argv[3]) / 2;
  for (size_t i = 0; i < idlen; i++) sscanf(argv[3] + 2 * i, "%2hhx", &id[i]);
  CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
  CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_ID, id, idlen}};
  CK_OBJECT_HANDLE key; CK_ULONG found = 0;
  CK(f->C_FindObjectsInit(s, tmpl, 2)); CK(f->C_FindObjects(s, &key, 1, &found)); CK(f->C_FindObjectsFinal(s));
  if (found != 1) { fprintf(stderr, "no private key with that id\n"); return 1; }
  unsigned char in[512], sig[1024]; FILE *fi = fopen(argv[4], "rb");
  if (!fi) { perror(argv[4]); return 1; }
  CK_ULONG inlen = fread(in, 1, sizeof in, fi), siglen = 0; fclose(fi);
  CK_MECHANISM mech = {CKM_RSA_PKCS, NULL, 0};
  CK(f->C_SignInit(s, &mech, key));
  CK(f->C_Sign(s, in, inlen, NULL, &siglen));
  CK(f->C_Sign(s, in, inlen, sig, &siglen));
  FILE *fo = fopen(argv[5], "wb");
  if (!fo || fwrite(sig, 1, siglen, fo) != siglen) { perror(argv[5]); return 1; }
  fclose(fo); f->C_Logout(s); f->C_Finalize(NULL);
  printf("signature of %lu bytes\n", (unsigned long)siglen);
  return 0;
}
