// Tesseract's C API refers to Leptonica's PIX: include Leptonica first.
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
