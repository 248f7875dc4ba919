// Safe access to tinygltf::Value trees (extensions, extras): tinygltf's Value::Get asserts that the value is an
// object or array, so a file saying "CESIUM_RTC": 5 would abort a debug build. These return a null Value instead.
#pragma once
#include <tiny_gltf.h>

#include <cmath>
#include <string>

namespace ct::io::detail {

inline const tinygltf::Value& nullValue() {
  static const tinygltf::Value kNull;
  return kNull;
}
// The member `key` of an object; null when `v` is no object or lacks it.
inline const tinygltf::Value& member(const tinygltf::Value& v, const char* key) {
  return v.IsObject() && v.Has(key) ? v.Get(key) : nullValue();
}
// Element `i` of an array; null when `v` is no array or is shorter.
inline const tinygltf::Value& element(const tinygltf::Value& v, size_t i) {
  return v.IsArray() && i < v.ArrayLen() ? v.Get(static_cast<int>(i)) : nullValue();
}
// A whole number in int range, or `fallback` (also for fractions, NaN and numbers out of range).
inline int intMember(const tinygltf::Value& v, const char* key, int fallback) {
  const tinygltf::Value& n = member(v, key);
  if (!n.IsNumber()) return fallback;
  const double d = n.GetNumberAsDouble();
  return d == std::floor(d) && d >= -2147483648.0 && d <= 2147483647.0 ? static_cast<int>(d) : fallback;
}

}  // namespace ct::io::detail
