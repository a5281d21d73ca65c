// Stage 1 helpers: what a non-X12 input looks like, and UTF-8 validity.
#pragma once

#include <optional>
#include <string_view>

#include "denial/diagnostic.h"

namespace denial::detail {

/// An error diagnostic when the bytes are clearly HTML/XML or binary; nullopt otherwise.
std::optional<Diagnostic> classify_non_x12(std::string_view bytes);
/// Offset of the first byte that breaks UTF-8, or nullopt.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);
/// The checks every reader makes first: an empty, HTML/XML or binary input gets an error and
/// false (nothing to read); invalid UTF-8 gets a warning and the bytes are still read.
bool admit_input(std::string_view bytes, Diagnostics& diags);
/// Human name of an X12 transaction set id ("837" -> "health care claim").
std::string_view transaction_name(std::string_view st01);

}  // namespace denial::detail
