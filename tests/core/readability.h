// Flesch-Kincaid grade level, for tests of the text we write for billers and patients.
// Syllables: groups of vowels (a e i o u y) per word, less a final silent e, at least one.
// grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace denial_test {

inline int syllables(std::string_view word) {
  std::string w;
  for (char c : word)
    if (std::isalpha(static_cast<unsigned char>(c)))
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w.empty()) return 1;  // numbers and codes: one beat
  auto vowel = [](char c) { return std::string_view("aeiouy").find(c) != std::string_view::npos; };
  int n = 0;
  for (std::size_t i = 0; i < w.size(); ++i)
    if (vowel(w[i]) && (i == 0 || !vowel(w[i - 1]))) ++n;
  bool silent_e = w.size() > 2 && w.back() == 'e' && w[w.size() - 2] != 'l';
  if (silent_e && n > 1) --n;
  return n < 1 ? 1 : n;
}

inline double fk_grade(std::string_view text) {
  int words = 0, syl = 0, sentences = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view tok = text.substr(start, i - start);
    bool wordlike = false;
    for (char c : tok) wordlike |= std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (!wordlike) continue;
    ++words;
    syl += syllables(tok);
    char last = tok.back();
    if (last == '.' || last == '!' || last == '?') ++sentences;
  }
  if (words == 0) return 0;
  if (sentences == 0) sentences = 1;
  return 0.39 * words / sentences + 11.8 * syl / words - 15.59;
}

}  // namespace denial_test
