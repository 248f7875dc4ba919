// Result<T>: values, errors and warnings travel together.
#include <gtest/gtest.h>

#include "core/result.h"

using ct::Result;

TEST(Result, OkCarriesValueAndWarnings) {
  auto r = Result<int>::ok(42, {"careful"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 42);
  ASSERT_EQ(r.warnings().size(), 1u);
  EXPECT_EQ(r.warnings()[0], "careful");
  EXPECT_EQ(r.firstError(), "");
}

TEST(Result, FailHasNoValue) {
  auto r = Result<int>::fail("broken");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.firstError(), "broken");
}

TEST(Result, DiagnosticsWithErrorsDropTheValue) {
  ct::Diagnostics d;
  d.warn("w");
  d.error("e1");
  d.error("e2");
  auto r = Result<int>::fromDiagnostics(d, 7);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.firstError(), "e1");
  EXPECT_EQ(r.errors().size(), 2u);
  EXPECT_EQ(r.warnings().size(), 1u);
}
