// CSV (RFC 4180) into a DataTable keyed by one column: quotes, doubled quotes, CRLF, UTF-8 BOM, ',' or the
// ';' / tab a header clearly uses. Bad rows are skipped and reported by line; only a file that cannot be a
// table at all (empty, no key column, past the limits) is an error.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "data/table.h"

namespace ct::data {

// Bounds that keep a hostile file from exhausting memory or time.
struct CsvLimits {
  size_t maxFieldBytes = size_t(1) << 20;  // one cell
  size_t maxFields = 10000;                // columns in the header
  size_t maxRows = 10'000'000;             // data rows
  uint64_t maxFileBytes = uint64_t(1) << 30;
};

// One record as read: the fields, the file line it starts on (1-based) and, when it is malformed, why.
struct CsvRecord {
  uint64_t line = 0;
  std::vector<std::string> fields;
  std::string error;  // "unterminated quote", "field longer than 1048576 bytes", ...
};

// Reads records one by one (blank lines skipped). After a malformed record it carries on with the next line;
// an unterminated quote swallows the rest of the file once, then the reader goes back to the next line and
// resynchronises (a second one ends the file), so reading stays linear.
class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter, CsvLimits limits = {});
  bool next(CsvRecord& out);  // false at the end of the text

 private:
  std::string_view mText;
  size_t mPos = 0;
  uint64_t mLine = 1;
  char mDelimiter;
  CsvLimits mLimits;
  bool mResynced = false;
};

// The text without a leading UTF-8 byte order mark.
std::string_view stripBom(std::string_view text);
// The text without blanks (spaces, tabs) at either end: how header names and keys are compared.
std::string trimBlanks(std::string_view text);
// ',' unless the first line has no comma but semicolons or tabs (the more frequent of the two).
char detectDelimiter(std::string_view text);
// A cell as a value: blank = none; a number (locale-independent) = number, except identifiers with a leading
// zero ("0659000030", kept as text; number() still reads them); anything else = text.
Value cellValue(std::string_view cell);

struct CsvOptions {
  std::string key;       // the column holding the feature key; empty: the first column
  char delimiter = 0;    // 0: detect from the header
  std::string location;  // how messages name the file ("energy.csv"); empty: "csv"
  CsvLimits limits;
};

struct CsvRowProblem {
  uint64_t line = 0;
  std::string message;
};

struct CsvTable {
  static constexpr size_t kMaxListed = 1000;

  DataTable table;                  // one field per column except the key column
  std::vector<std::string> header;  // as in the file (blanks around names trimmed)
  int keyColumn = 0;
  char delimiter = ',';
  uint64_t rowsRead = 0;       // data records, good or bad (blank lines not counted)
  uint64_t badRows = 0;        // skipped
  uint64_t duplicateKeys = 0;  // rows whose key an earlier row had (the later row wins)
  std::vector<CsvRowProblem> problems;  // bad rows and duplicate keys, the first kMaxListed
};

// Errors: "<location>: empty file (no header row)", "<location>: no column "x" for the key (columns: ...)",
// "<location>: more than N rows", ... Warnings: one per bad row or duplicate key ("<location>:12: expected 5
// fields, found 4"), the first 100, then a count.
Result<CsvTable> parseCsv(std::string_view text, const CsvOptions& options);
// Reads the file (up to limits.maxFileBytes) and parses it; location defaults to the path.
Result<CsvTable> loadCsv(const std::filesystem::path& path, CsvOptions options);

}  // namespace ct::data
