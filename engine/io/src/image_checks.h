// Checks of image bytes before they reach stb_image, for flaws of the decoder Debian ships (2022-09 stb).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace ct::io::detail {

// JPEG: every Huffman table (DHT) declares at most 256 symbols. stb_image sums a table's 16 code counts
// without a bound and writes that many entries into 257- and 256-byte arrays of its decoder state: a file
// declaring more overwrites the decoder's memory; and it decodes a scan with whatever a table it never read
// holds, reading far past its 256 symbols (both found by fuzz_image). False, with `why`, for such a file.
bool jpegHuffmanTablesValid(const uint8_t* bytes, size_t size, std::string& why);
// PNG: every chunk up to IEND lies inside the file. stb_image grows its IDAT buffer to the length a chunk header
// claims before reading it: a 45 KB file asked for gigabytes (found by fuzz_image). False, with `why`, otherwise.
bool pngChunksValid(const uint8_t* bytes, size_t size, std::string& why);

}  // namespace ct::io::detail
