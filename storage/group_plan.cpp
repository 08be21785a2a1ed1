#include "storage/group_plan.hpp"

namespace tvbot::storage {

Error version_conflict(std::string_view stream, std::uint64_t actual, std::uint64_t expected) {
  return make_error("version_conflict", "stream " + std::string(stream) + " is at version " +
                                            std::to_string(actual) + ", the append expected " +
                                            std::to_string(expected));
}

GroupPlan plan_group(std::span<const GroupMember> members, const VersionLookup& current_version,
                     std::uint64_t last_global_seq) {
  GroupPlan plan;
  plan.outcomes.reserve(members.size());
  plan.last_global_seq = last_global_seq;
  for (const GroupMember& member : members) {
    auto advanced = plan.new_versions.find(member.stream);
    const std::uint64_t version =
        advanced != plan.new_versions.end() ? advanced->second : current_version(member.stream);
    if (member.expected_version != version) {
      plan.outcomes.emplace_back(version_conflict(member.stream, version, member.expected_version));
      continue;
    }
    const AppendResult assigned{
        .first_stream_seq = version + 1,
        .last_stream_seq = version + member.event_count,
        .first_global_seq = plan.last_global_seq + 1,
        .last_global_seq = plan.last_global_seq + member.event_count,
    };
    plan.outcomes.emplace_back(assigned);
    plan.new_versions.insert_or_assign(std::string(member.stream), assigned.last_stream_seq);
    plan.last_global_seq = assigned.last_global_seq;
    plan.accepted_events += member.event_count;
  }
  return plan;
}

}  // namespace tvbot::storage
