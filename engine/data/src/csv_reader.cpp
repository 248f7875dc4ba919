// The RFC 4180 record reader and the small cell helpers shared by every CSV-based source.
#include <algorithm>

#include "data/csv.h"

namespace ct::data {

namespace {
bool isBlank(char c) { return c == ' ' || c == '\t'; }
}  // namespace

std::string trimBlanks(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

std::string_view stripBom(std::string_view text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  return text;
}

char detectDelimiter(std::string_view text) {
  size_t end = text.find_first_of("\r\n");
  std::string_view first = text.substr(0, end);
  size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : first) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (commas > 0 || (semicolons == 0 && tabs == 0)) return ',';
  return semicolons >= tabs ? ';' : '\t';
}

Value cellValue(std::string_view cell) {
  size_t b = 0, e = cell.size();
  while (b < e && isBlank(cell[b])) ++b;
  while (e > b && isBlank(cell[e - 1])) --e;
  std::string_view t = cell.substr(b, e - b);
  if (t.empty()) return Value::none();
  size_t digits = (t[0] == '-' || t[0] == '+') ? 1 : 0;
  bool leadingZeroId = t.size() > digits + 1 && t[digits] == '0' && t[digits + 1] >= '0' && t[digits + 1] <= '9';
  if (!leadingZeroId) {
    if (auto n = parseNumber(t)) return Value::ofNumber(*n);
  }
  return Value::ofText(std::string(cell));
}

CsvReader::CsvReader(std::string_view text, char delimiter, CsvLimits limits)
    : mText(text), mDelimiter(delimiter), mLimits(limits) {}

bool CsvReader::next(CsvRecord& out) {
  enum class State { FieldStart, Unquoted, Quoted, AfterQuote };
  const size_t n = mText.size();
  while (mPos < n) {
    out.line = mLine;
    out.fields.clear();
    out.error.clear();
    const uint64_t startLine = mLine;
    size_t firstLineEnd = std::string_view::npos;  // just past the first newline inside this record
    std::string cur;
    bool anyQuote = false;
    State state = State::FieldStart;
    bool done = false;

    // Consumes a newline at mPos (CRLF, LF or lone CR); true when there was one.
    auto eatNewline = [&]() {
      if (mText[mPos] == '\r') {
        ++mPos;
        if (mPos < n && mText[mPos] == '\n') ++mPos;
      } else if (mText[mPos] == '\n') {
        ++mPos;
      } else {
        return false;
      }
      ++mLine;
      if (firstLineEnd == std::string_view::npos) firstLineEnd = mPos;
      return true;
    };
    // Past an error: drop everything to the end of the current physical line.
    auto skipLine = [&]() {
      while (mPos < n && mText[mPos] != '\n' && mText[mPos] != '\r') ++mPos;
      if (mPos < n) eatNewline();
    };
    auto pushField = [&]() {
      out.fields.push_back(std::move(cur));
      cur.clear();
      if (out.fields.size() > mLimits.maxFields) {
        out.error = "more than " + std::to_string(mLimits.maxFields) + " fields";
        return false;
      }
      return true;
    };

    while (!done) {
      if (mPos >= n) {
        if (state == State::Quoted) {
          out.error = "unterminated quote";
          // Go back to the line after the record's first one, once; a second unterminated quote ends the file.
          if (!mResynced && firstLineEnd != std::string_view::npos) {
            mResynced = true;
            mPos = firstLineEnd;
            mLine = startLine + 1;
          }
          return true;
        }
        pushField();
        break;
      }
      char c = mText[mPos];
      if (cur.size() > mLimits.maxFieldBytes) {
        out.error = "field longer than " + std::to_string(mLimits.maxFieldBytes) + " bytes";
        skipLine();
        return true;
      }
      switch (state) {
        case State::FieldStart:
          if (c == '"') {
            state = State::Quoted;
            anyQuote = true;
            ++mPos;
            break;
          }
          state = State::Unquoted;
          [[fallthrough]];
        case State::Unquoted:
          if (c == mDelimiter) {
            ++mPos;
            if (!pushField()) {
              skipLine();
              return true;
            }
            state = State::FieldStart;
          } else if (c == '\n' || c == '\r') {
            eatNewline();
            pushField();
            done = true;
          } else {
            // The run of ordinary characters up to the next delimiter or line end, in one append (bounded so
            // that the field length check above still sees an over-long field).
            size_t end = mPos + 1;
            const size_t cap = mPos + mLimits.maxFieldBytes + 1;
            while (end < n && end < cap && mText[end] != mDelimiter && mText[end] != '\n' && mText[end] != '\r') ++end;
            cur.append(mText.data() + mPos, end - mPos);
            mPos = end;
          }
          break;
        case State::Quoted:
          if (c == '"') {
            if (mPos + 1 < n && mText[mPos + 1] == '"') {
              cur.push_back('"');
              mPos += 2;
            } else {
              state = State::AfterQuote;
              ++mPos;
            }
          } else if (c == '\n' || c == '\r') {
            size_t from = mPos;
            eatNewline();
            cur.append(mText.substr(from, mPos - from));
          } else {
            cur.push_back(c);
            ++mPos;
          }
          break;
        case State::AfterQuote:
          if (c == mDelimiter) {
            ++mPos;
            if (!pushField()) {
              skipLine();
              return true;
            }
            state = State::FieldStart;
          } else if (c == '\n' || c == '\r') {
            eatNewline();
            pushField();
            done = true;
          } else {
            out.error = "unexpected character after a closing quote";
            skipLine();
            return true;
          }
          break;
      }
    }
    // A blank line is no record.
    if (out.fields.size() == 1 && out.fields[0].empty() && !anyQuote) continue;
    return true;
  }
  return false;
}

}  // namespace ct::data
