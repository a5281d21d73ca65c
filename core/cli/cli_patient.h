// What `explain --format patient` says on stderr once its letters are written.
#pragma once

#include "denial/report.h"

namespace denial_cli {

/// The letters went to stdout (ready to print); the office's checks go to stderr, so a
/// redirect or a pipe to the printer carries only what the patient should read.
void report_office_checks(const denial::PatientLetters& letters);

}  // namespace denial_cli
