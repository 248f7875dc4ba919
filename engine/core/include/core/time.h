// Instants in time: ISO-8601 text <-> seconds since the Unix epoch (UTC), with the text's UTC offset kept.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ct {

struct Instant {
  double unixSeconds = 0.0;  // UTC, fractional seconds allowed
  int offsetMinutes = 0;     // the offset the text gave (local time = UTC + offset); 0 for Z or none
};

// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "...:SS", "...:SS.fff", each optionally followed by Z or ±HH:MM (±HHMM);
// a space may stand for the T. Without an offset the time is UTC. Fields are range-checked (Feb 29 only in
// leap years, second 60 refused); the error names what is wrong.
Result<Instant> parseIso8601(std::string_view text);
// "2024-06-21T13:30:00Z" (with the offset when it is not 0: "2024-06-21T21:30:00+08:00"); whole seconds.
std::string formatIso8601(const Instant& t);

// Days since 1970-01-01 of a proleptic Gregorian date (no range limits within int64).
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);
// Julian day (UT) of a Unix time.
inline double julianDay(double unixSeconds) { return unixSeconds / 86400.0 + 2440587.5; }

}  // namespace ct
