// Feature table: stable rows per key, typed columns that grow with the rows.
#include <gtest/gtest.h>

#include "scene/feature_table.h"

using namespace ct::scene;

TEST(FeatureTable, RowsAreStablePerKeyAndColumnsFollowRows) {
  FeatureTable t;
  EXPECT_EQ(t.add("bldg_1"), 0u);
  t.set(0, "height", "FLOAT64", 31.5);
  EXPECT_EQ(t.add("bldg_2"), 1u);
  EXPECT_EQ(t.add("bldg_1"), 0u);  // same key, same row
  t.set(1, "usage", "STRING", std::string("office"));
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.find("bldg_2"), 1);
  EXPECT_EQ(t.find("nope"), -1);
  ASSERT_EQ(t.columns().size(), 2u);
  const PropertyColumn* h = t.column("height");
  ASSERT_NE(h, nullptr);
  ASSERT_EQ(h->values.size(), 2u);
  EXPECT_EQ(toString(h->values[0]), "31.5");
  EXPECT_EQ(toString(h->values[1]), "null");  // bldg_2 has no height
  EXPECT_EQ(toString(t.column("usage")->values[1]), "office");
  t.add("bldg_3");
  EXPECT_EQ(t.column("usage")->values.size(), 3u);
  EXPECT_EQ(toString(PropertyValue(std::vector<double>{1, 2.5})), "[1, 2.5]");
  EXPECT_EQ(toString(PropertyValue(int64_t(-7))), "-7");
  EXPECT_EQ(toString(PropertyValue(true)), "true");
}
