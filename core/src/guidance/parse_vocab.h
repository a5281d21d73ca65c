// Reads vocabulary ids back into enums (for the embedded guidance files).
#pragma once

#include <optional>
#include <string_view>

#include "denial/guidance.h"

namespace denial::detail {

template <typename E, std::string_view (*Name)(E), int N>
std::optional<E> enum_from_id(std::string_view id) {
  for (int i = 0; i < N; ++i) {
    if (Name(static_cast<E>(i)) == id) return static_cast<E>(i);
  }
  return std::nullopt;
}

inline std::optional<Category> category_from(std::string_view s) {
  return enum_from_id<Category, category_id, 15>(s);
}
inline std::optional<Kind> kind_from(std::string_view s) {
  return enum_from_id<Kind, kind_id, 5>(s);
}
inline std::optional<Action> action_from(std::string_view s) {
  return enum_from_id<Action, action_id, kActionCount>(s);
}
inline std::optional<Appealable> appealable_from(std::string_view s) {
  return enum_from_id<Appealable, appealable_id, 3>(s);
}
inline std::optional<RemarkEffect> effect_from(std::string_view s) {
  return enum_from_id<RemarkEffect, remark_effect_id, kRemarkEffectCount>(s);
}

}  // namespace denial::detail
