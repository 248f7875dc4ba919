// Walks a JPEG's markers the way stb_image does (segments by their length, entropy-coded data byte by byte
// until the next marker) and checks each Huffman table's symbol count.
#include "image_checks.h"

#include <cstring>

namespace ct::io::detail {

bool jpegHuffmanTablesValid(const uint8_t* p, size_t n, std::string& why) {
  bool defined[2][4] = {};  // [DC, AC][table id] defined by a DHT so far
  bool progressive = false;
  size_t i = 2;  // after SOI
  while (i + 1 < n) {
    if (p[i] != 0xFF || p[i + 1] == 0xFF) {  // entropy-coded data, garbage or fill bytes
      ++i;
      continue;
    }
    const uint8_t marker = p[i + 1];
    // Stuffed zero, restart markers, TEM, SOI: no length follows.
    if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
      i += 2;
      continue;
    }
    if (marker == 0xD9 || i + 4 > n) return true;  // EOI, or truncated (stb reports that itself)
    const size_t length = size_t(p[i + 2]) << 8 | p[i + 3];
    if (marker == 0xC2) progressive = true;
    if (marker == 0xDA && i + 5 <= n) {  // SOS: every table its scan decodes with must have been defined
      const size_t components = p[i + 4], spectral = i + 5 + 2 * components;
      if (spectral + 3 > n) return true;  // truncated: stb reports it
      const bool dcScan = p[spectral] == 0, firstDc = (p[spectral + 2] >> 4) == 0;
      for (size_t c = 0; c < components; ++c) {
        const uint8_t dc = p[i + 6 + 2 * c] >> 4, ac = p[i + 6 + 2 * c] & 15;
        if (dc > 3 || ac > 3) return true;  // stb refuses these itself
        const bool needDc = progressive ? dcScan && firstDc : true, needAc = progressive ? !dcScan : true;
        if ((needDc && !defined[0][dc]) || (needAc && !defined[1][ac])) {
          why = "has a JPEG scan that decodes with a Huffman table it never defined";
          return false;
        }
      }
    }
    if (marker == 0xC4) {  // DHT: tables of (class/id, 16 counts, symbols) until the segment ends
      const size_t end = length >= 2 && i + 2 + length < n ? i + 2 + length : n;
      size_t at = i + 4;
      while (at < end) {
        // stb reads all 16 counts of a table that starts inside the segment, even past its end (and 0 past
        // the end of the file).
        size_t symbols = 0;
        for (size_t k = 1; k <= 16 && at + k < n; ++k) symbols += p[at + k];
        if (at < n && (p[at] >> 4) <= 1 && (p[at] & 15) <= 3) defined[p[at] >> 4][p[at] & 15] = true;
        if (symbols > 256) {
          why = "has a JPEG Huffman table of " + std::to_string(symbols) + " symbols (at most 256)";
          return false;
        }
        at += 17 + symbols;
      }
    }
    i += 2 + length;
  }
  return true;
}

bool pngChunksValid(const uint8_t* p, size_t n, std::string& why) {
  size_t at = 8;  // after the signature
  while (at + 8 <= n) {
    const uint64_t length = uint64_t(p[at]) << 24 | uint64_t(p[at + 1]) << 16 | uint64_t(p[at + 2]) << 8 | p[at + 3];
    if (length > n - at - 8 || n - at - 8 - length < 4) {  // data and CRC must be in the file
      why = "has a PNG chunk of " + std::to_string(length) + " bytes that runs past the end of the image";
      return false;
    }
    if (std::memcmp(p + at + 4, "IEND", 4) == 0) return true;
    at += 12 + length;
  }
  return true;  // truncated without IEND: stb reports it without a large allocation
}

}  // namespace ct::io::detail
