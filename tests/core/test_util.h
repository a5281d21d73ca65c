// Helpers shared by the core tests: read fixtures and samples, small 835 builders, a small CSV
// reader for the expectation files and code lists, and diagnostic queries.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "denial/diagnostic.h"

namespace denial_test {

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string fixture(const std::string& name) {
  return read_file(std::string(DENIAL_TEST_DATA) + "/" + name);
}

/// Folder of the public samples vendored in tests/data/samples/era. A test that needs them
/// starts with DENIAL_REQUIRE_SAMPLES(): a missing folder is a failure, never a skip.
inline std::string samples_dir() { return DENIAL_SAMPLES_DIR; }
inline bool have_samples() { return std::filesystem::is_directory(samples_dir()); }
#define DENIAL_REQUIRE_SAMPLES()                         \
  ASSERT_TRUE(denial_test::have_samples())               \
      << "samples folder " << denial_test::samples_dir() \
      << " does not exist (it is part of the repository: tests/data/samples/era)"
inline std::string sample(const std::string& name) { return read_file(samples_dir() + "/" + name); }

/// Wraps segments (joined with '~') in a valid ISA/GS/ST envelope with correct counts.
inline std::string envelope(const std::string& body_segments, int body_count) {
  std::string isa =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
      "*260101*1200*^*00501*000000001*0*P*:~";
  std::string st = "GS*HP*SENDER*RECEIVER*20260101*1200*1*X*005010X221A1~ST*835*0001~";
  return isa + st + body_segments + "SE*" + std::to_string(body_count + 2) +
         "*0001~GE*1*1~IEA*1*000000001~";
}

/// RFC 4180 rows (quoted fields, doubled quotes, \n or \r\n), written independently of the
/// core's reader so a bug there cannot hide in both.
inline std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  auto end_field = [&] {
    row.push_back(field);
    field.clear();
    field_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
      field_started = true;  // a field follows the comma, even if empty
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (field_started || !field.empty() || !row.empty()) {
        end_field();
        rows.push_back(row);
      }
      row.clear();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !field.empty() || !row.empty()) {
    end_field();
    rows.push_back(row);
  }
  return rows;
}

/// Rows as column-name -> value maps (header row consumed).
inline std::vector<std::map<std::string, std::string>> csv_records(const std::string& text) {
  auto rows = csv_rows(text);
  std::vector<std::map<std::string, std::string>> out;
  if (rows.empty()) return out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::map<std::string, std::string> rec;
    for (std::size_t c = 0; c < rows[0].size(); ++c)
      rec[rows[0][c]] = c < rows[i].size() ? rows[i][c] : "";
    out.push_back(std::move(rec));
  }
  return out;
}

inline std::size_t count_code(const denial::Diagnostics& d, denial::Errc code) {
  return static_cast<std::size_t>(std::count_if(
      d.begin(), d.end(), [&](const denial::Diagnostic& x) { return x.code == code; }));
}
inline bool has_code(const denial::Diagnostics& d, denial::Errc code) {
  return count_code(d, code) > 0;
}
inline const denial::Diagnostic* first_code(const denial::Diagnostics& d, denial::Errc code) {
  for (const auto& x : d)
    if (x.code == code) return &x;
  return nullptr;
}
/// All codes, for failure messages: "no_envelope,missing_trailer".
inline std::string codes_of(const denial::Diagnostics& d) {
  std::string s;
  for (const auto& x : d) s += (s.empty() ? "" : ",") + std::string(denial::errc_name(x.code));
  return s;
}

}  // namespace denial_test
