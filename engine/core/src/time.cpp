// ISO-8601 instants (core/time.h).
#include "core/time.h"

#include <cmath>
#include <cstdio>

namespace ct {
namespace {

bool isLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned daysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, size_t& pos, int n, int& out) {
  if (pos + size_t(n) > s.size()) return false;
  out = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + size_t(i)];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += size_t(n);
  return true;
}

}  // namespace

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Result<Instant> parseIso8601(std::string_view s) {
  std::string quoted = "'";  // appended: g++ 12 warns falsely (-Wrestrict) on "'" + std::string
  quoted.append(s.substr(0, 64));
  quoted += '\'';
  auto bad = [&](const char* what) { return Result<Instant>::fail(quoted + " is not an ISO-8601 time: " + what); };
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  double fraction = 0.0;
  if (!digits(s, pos, 4, year) || pos >= s.size() || s[pos++] != '-' || !digits(s, pos, 2, month) ||
      pos >= s.size() || s[pos++] != '-' || !digits(s, pos, 2, day))
    return bad("expected YYYY-MM-DD");
  if (month < 1 || month > 12) return bad("month out of range");
  if (day < 1 || unsigned(day) > daysInMonth(year, unsigned(month))) return bad("day out of range");
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    ++pos;
    if (!digits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':' || !digits(s, pos, 2, minute))
      return bad("expected hh:mm after the date");
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!digits(s, pos, 2, second)) return bad("expected two digits of seconds");
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        double scale = 0.1;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          fraction += (s[pos++] - '0') * scale;
          scale *= 0.1;
        }
        if (pos == start) return bad("expected digits after the decimal point");
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return bad("time of day out of range");
  }
  int offset = 0;
  if (pos < s.size()) {
    char c = s[pos];
    if (c == 'Z' || c == 'z') {
      ++pos;
    } else if (c == '+' || c == '-') {
      ++pos;
      int oh = 0, om = 0;
      if (!digits(s, pos, 2, oh)) return bad("expected a UTC offset ±hh:mm");
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (!digits(s, pos, 2, om)) return bad("expected a UTC offset ±hh:mm");
      if (oh > 18 || om > 59) return bad("UTC offset out of range");
      offset = (oh * 60 + om) * (c == '-' ? -1 : 1);
    }
  }
  if (pos != s.size()) return bad("unexpected text after the time");
  Instant t;
  t.offsetMinutes = offset;
  t.unixSeconds = double(daysFromCivil(year, unsigned(month), unsigned(day))) * 86400.0 + hour * 3600.0 +
                  minute * 60.0 + second + fraction - offset * 60.0;
  return Result<Instant>::ok(t);
}

std::string formatIso8601(const Instant& t) {
  double local = std::floor(t.unixSeconds + 0.5) + t.offsetMinutes * 60.0;
  int64_t days = static_cast<int64_t>(std::floor(local / 86400.0));
  int64_t secs = static_cast<int64_t>(local - double(days) * 86400.0);
  // civil_from_days
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  std::string out = buf;
  if (t.offsetMinutes == 0) return out + "Z";
  int a = std::abs(t.offsetMinutes);
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", t.offsetMinutes < 0 ? '-' : '+', a / 60, a % 60);
  return out + buf;
}

}  // namespace ct
