// parseCsv / loadCsv: the header, the key column, one table row per good record, bad rows reported by line.
#include "data/csv.h"

#include <string>

#include "core/file.h"

namespace ct::data {

namespace {
constexpr size_t kMaxWarnings = 100;


std::string shown(std::string_view s) {
  std::string out = "\"";
  for (char c : s.substr(0, 80)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  if (s.size() > 80) out += "...";
  return out + "\"";
}
}  // namespace

Result<CsvTable> parseCsv(std::string_view text, const CsvOptions& options) {
  const std::string loc = options.location.empty() ? std::string("csv") : options.location;
  text = stripBom(text);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Result<CsvTable>::fail(loc + ": empty file (no header row)");

  CsvTable out;
  out.delimiter = options.delimiter ? options.delimiter : detectDelimiter(text);
  CsvReader reader(text, out.delimiter, options.limits);
  CsvRecord rec;
  if (!reader.next(rec)) return Result<CsvTable>::fail(loc + ": empty file (no header row)");
  if (!rec.error.empty())
    return Result<CsvTable>::fail(loc + ":" + std::to_string(rec.line) + ": bad header row: " + rec.error);
  for (const auto& h : rec.fields) out.header.push_back(trimBlanks(h));

  std::vector<std::string> warnings;
  uint64_t unlisted = 0;
  auto problem = [&](uint64_t line, std::string msg) {
    if (out.problems.size() < CsvTable::kMaxListed) out.problems.push_back({line, msg});
    if (warnings.size() < kMaxWarnings)
      warnings.push_back(loc + ":" + std::to_string(line) + ": " + msg);
    else
      ++unlisted;
  };

  if (options.key.empty()) {
    out.keyColumn = 0;
  } else {
    out.keyColumn = -1;
    for (size_t i = 0; i < out.header.size(); ++i)
      if (out.header[i] == options.key) out.keyColumn = static_cast<int>(i);
    if (out.keyColumn < 0) {
      std::string cols;
      for (size_t i = 0; i < out.header.size() && i < 20; ++i) cols += (i ? ", " : "") + shown(out.header[i]);
      if (out.header.size() > 20) cols += ", ... (" + std::to_string(out.header.size()) + " in all)";
      return Result<CsvTable>::fail(loc + ": no column " + shown(options.key) + " for the key (columns: " + cols +
                                    ")");
    }
  }
  // Field index per column (-1 for the key column); a repeated name shares one field, the later column wins.
  std::vector<int> fieldOfColumn(out.header.size(), -1);
  for (size_t i = 0; i < out.header.size(); ++i) {
    if (static_cast<int>(i) == out.keyColumn) continue;
    if (out.table.findField(out.header[i]) >= 0)
      warnings.push_back(loc + ":1: column " + shown(out.header[i]) + " appears twice; the later one is used");
    fieldOfColumn[i] = out.table.fieldIndex(out.header[i]);
  }

  std::vector<uint64_t> lineOfRow;
  const size_t columns = out.header.size();
  while (reader.next(rec)) {
    ++out.rowsRead;
    if (!rec.error.empty()) {
      ++out.badRows;
      problem(rec.line, rec.error + "; row skipped");
      continue;
    }
    if (rec.fields.size() != columns) {
      ++out.badRows;
      problem(rec.line, "expected " + std::to_string(columns) + " fields, found " + std::to_string(rec.fields.size()) +
                            "; row skipped");
      continue;
    }
    const std::string& key = rec.fields[static_cast<size_t>(out.keyColumn)];
    if (key.empty()) {
      ++out.badRows;
      problem(rec.line, "empty key in column " + shown(out.header[static_cast<size_t>(out.keyColumn)]) +
                            "; row skipped");
      continue;
    }
    int64_t existing = out.table.find(key);
    if (existing >= 0) {
      ++out.duplicateKeys;
      problem(rec.line, "key " + shown(key) + " repeats line " +
                            std::to_string(lineOfRow[static_cast<size_t>(existing)]) + "; the later row wins");
    } else if (out.table.size() >= options.limits.maxRows) {
      return Result<CsvTable>::fail(loc + ":" + std::to_string(rec.line) + ": more than " +
                                    std::to_string(options.limits.maxRows) + " rows");
    }
    uint32_t row = out.table.row(key);
    if (existing < 0) lineOfRow.push_back(rec.line);
    else lineOfRow[static_cast<size_t>(existing)] = rec.line;
    for (size_t i = 0; i < columns; ++i)
      if (fieldOfColumn[i] >= 0) out.table.set(row, fieldOfColumn[i], cellValue(rec.fields[i]));
  }
  if (unlisted > 0) warnings.push_back(loc + ": " + std::to_string(unlisted) + " more problems not listed");
  return Result<CsvTable>::ok(std::move(out), std::move(warnings));
}

Result<CsvTable> loadCsv(const std::filesystem::path& path, CsvOptions options) {
  if (options.location.empty()) options.location = path.string();
  auto bytes = readFile(path, options.limits.maxFileBytes);
  if (!bytes) return Result<CsvTable>::fail(options.location + ": " + bytes.firstError());
  std::string_view text(reinterpret_cast<const char*>(bytes.value().data()), bytes.value().size());
  return parseCsv(text, options);
}

}  // namespace ct::data
