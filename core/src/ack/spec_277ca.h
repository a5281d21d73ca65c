// Stage 2: the 277CA (005010X214) and 999 (005010X231A1) loop and segment structures,
// declared as data like the 835's (era835/spec_835). The same walker reads all three.
#pragma once

#include "x12/spec.h"

namespace denial::detail {

/// Health Care Claim Acknowledgment, 005010X214 (after pyx12's 277.5010.X214 map).
const Spec& spec_277ca();
/// Implementation Acknowledgment, 005010X231A1 (after pyx12's 999.5010X231.A1 map).
const Spec& spec_999();

}  // namespace denial::detail
