// Temporary debug CLI: parse and print counts.
#include <fstream>
#include <iostream>
#include <sstream>
#include "denial/parse.h"
int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream f(argv[i], std::ios::binary);
    std::stringstream ss; ss << f.rdbuf();
    std::string bytes = ss.str();
    auto r = denial::parse_835(bytes);
    denial::Cents paid = 0, charge = 0; size_t lines = 0, claims = 0;
    for (auto& t : r.era.transactions) for (auto& c : t.claims) { paid += c.paid; charge += c.charge; lines += c.lines.size(); ++claims; }
    std::cout << argv[i] << " tx=" << r.era.transactions.size() << " claims=" << claims << " lines=" << lines
              << " charge=" << denial::format_cents(charge) << " paid=" << denial::format_cents(paid) << " diags=" << r.diagnostics.size() << " bal=" << r.balance.size() << "\n";
    for (auto& d : r.diagnostics) std::cout << "   " << denial::severity_name(d.severity) << " " << denial::errc_name(d.code) << " seg " << d.segment_no << " @" << d.byte_offset << " " << d.path << ": " << d.message << "\n";
  }
}
