#include "storage/group_plan.hpp"

#include <gtest/gtest.h>

#include <map>

namespace tvbot::storage {
namespace {

VersionLookup versions(std::map<std::string, std::uint64_t, std::less<>> table) {
  return [table = std::move(table)](std::string_view stream) {
    auto found = table.find(stream);
    return found == table.end() ? std::uint64_t{0} : found->second;
  };
}

TEST(GroupPlan, Follows_the_worked_example_in_its_header) {
  const std::vector<GroupMember> members{{"a", 2, 3}, {"b", 0, 1}, {"a", 2, 1}, {"a", 5, 2}};
  const GroupPlan plan = plan_group(members, versions({{"a", 2}}), 10);
  ASSERT_EQ(plan.outcomes.size(), 4u);
  EXPECT_EQ(plan.outcomes[0].value(), (AppendResult{3, 5, 11, 13}));
  EXPECT_EQ(plan.outcomes[1].value(), (AppendResult{1, 1, 14, 14}));
  ASSERT_FALSE(plan.outcomes[2].ok());
  EXPECT_EQ(plan.outcomes[2].error().code, "version_conflict");
  EXPECT_EQ(plan.outcomes[2].error().message, "stream a is at version 5, the append expected 2");
  EXPECT_EQ(plan.outcomes[3].value(), (AppendResult{6, 7, 15, 16}));
  EXPECT_EQ(plan.new_versions, (std::map<std::string, std::uint64_t, std::less<>>{{"a", 7}, {"b", 1}}));
  EXPECT_EQ(plan.last_global_seq, 16u);
  EXPECT_EQ(plan.accepted_events, 6u);
}

TEST(GroupPlan, A_conflict_fails_alone_and_assigns_no_sequence_numbers) {
  const std::vector<GroupMember> members{{"a", 1, 1}, {"b", 0, 2}};
  const GroupPlan plan = plan_group(members, versions({}), 0);
  EXPECT_FALSE(plan.outcomes[0].ok());
  EXPECT_EQ(plan.outcomes[1].value(), (AppendResult{1, 2, 1, 2}));
  EXPECT_EQ(plan.last_global_seq, 2u);
}

TEST(GroupPlan, Two_racing_appends_expecting_the_same_version_let_only_the_first_win) {
  const std::vector<GroupMember> members{{"a", 4, 1}, {"a", 4, 1}};
  const GroupPlan plan = plan_group(members, versions({{"a", 4}}), 100);
  EXPECT_TRUE(plan.outcomes[0].ok());
  EXPECT_EQ(plan.outcomes[1].error().code, "version_conflict");
  EXPECT_EQ(plan.new_versions.at("a"), 5u);
}

TEST(GroupPlan, Appends_after_a_conflict_on_the_same_stream_chain_from_the_stored_version) {
  // The conflicting append did not advance "a", so the next one must expect 3, not 4.
  const std::vector<GroupMember> members{{"a", 9, 1}, {"a", 3, 1}};
  const GroupPlan plan = plan_group(members, versions({{"a", 3}}), 20);
  EXPECT_FALSE(plan.outcomes[0].ok());
  EXPECT_EQ(plan.outcomes[1].value(), (AppendResult{4, 4, 21, 21}));
}

TEST(GroupPlan, A_group_of_only_conflicts_changes_nothing) {
  const std::vector<GroupMember> members{{"a", 1, 1}};
  const GroupPlan plan = plan_group(members, versions({}), 7);
  EXPECT_TRUE(plan.new_versions.empty());
  EXPECT_EQ(plan.last_global_seq, 7u);
  EXPECT_EQ(plan.accepted_events, 0u);
}

}  // namespace
}  // namespace tvbot::storage
