#include "core/sim/balance.h"

namespace cp::sim {

namespace {
uint64_t sum(const std::vector<BalanceTerm>& terms, bool held_only) {
  uint64_t s = 0;
  for (const BalanceTerm& t : terms)
    if (!held_only || t.held) s += t.value;
  return s;
}
}  // namespace

uint64_t MessageBalance::total_in() const { return sum(in, false); }
uint64_t MessageBalance::total_out() const { return sum(out, false); }
uint64_t MessageBalance::held() const { return sum(out, true); }

std::string MessageBalance::text(bool korean) const {
  const auto term = [&](const BalanceTerm& t) { return std::string(korean ? t.ko : t.en) + " " + std::to_string(t.value); };
  std::string s;
  for (size_t i = 0; i < in.size(); ++i) {
    if (i > 0 && in[i].value == 0) continue;
    if (!s.empty()) s += " + ";
    s += term(in[i]);
  }
  s += " =";
  bool first = true, held_written = false;
  for (const BalanceTerm& t : out) {
    if (t.held && held_written) continue;
    s += first ? " " : " + ";
    first = false;
    if (!t.held) {
      s += term(t);
      continue;
    }
    held_written = true;
    s += std::string(korean ? "보관 중 " : "held ") + std::to_string(held()) + " (";
    bool first_held = true;
    for (const BalanceTerm& h : out)
      if (h.held) {
        s += (first_held ? "" : ", ") + term(h);
        first_held = false;
      }
    s += ")";
  }
  if (!balanced()) s += korean ? " (맞지 않음)" : " (does not balance)";
  return s;
}

}  // namespace cp::sim
