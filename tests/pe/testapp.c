/* A console EXE with an application manifest: the PE reader's and `comreg check`'s EXE. */
int main(void) { return 0; }
