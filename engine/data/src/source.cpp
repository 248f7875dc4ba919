// ProblemLog and the key join of a source's table to the scene's features.
#include "data/source.h"

#include <unordered_map>

namespace ct::data {

void ProblemLog::add(std::string location, std::string message, double unixSeconds) {
  ++mTotal;
  mRecent.push_back({std::move(location), std::move(message), unixSeconds});
  while (mRecent.size() > SourceStatus::kMaxProblems) mRecent.pop_front();
}

JoinResult joinByKey(const std::vector<std::string>& featureKeys, const DataTable& table) {
  JoinResult out;
  out.rowOfFeature.assign(featureKeys.size(), -1);
  std::vector<uint8_t> used(table.size(), 0);
  for (size_t i = 0; i < featureKeys.size(); ++i) {
    int64_t r = table.find(featureKeys[i]);
    out.rowOfFeature[i] = r;
    if (r >= 0) {
      ++out.matched;
      used[static_cast<size_t>(r)] = 1;
    } else {
      ++out.featuresWithoutData;
    }
  }
  const auto& keys = table.keys();
  for (size_t r = 0; r < keys.size(); ++r) {
    if (used[r]) continue;
    ++out.unmatchedKeys;
    if (out.unmatchedKeyList.size() < JoinResult::kMaxListed) out.unmatchedKeyList.push_back(keys[r]);
  }
  return out;
}

void KeyJoin::setFeatureKeys(std::vector<std::string> featureKeys) {
  mFeatureKeys = std::move(featureKeys);
  mValid = false;
}

const JoinResult& KeyJoin::update(const DataTable& table) {
  mRecomputed = false;
  if (mValid && table.keySetId() == mKeySetId) return mResult;
  mResult = joinByKey(mFeatureKeys, table);
  mKeySetId = table.keySetId();
  mValid = true;
  mRecomputed = true;
  return mResult;
}

}  // namespace ct::data
