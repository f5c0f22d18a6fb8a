// COM4xx: class registrations that load but behave badly.
#include <map>
#include <string>
#include <vector>

#include "lint/lint_context.hpp"

namespace comreg::lint_detail {
namespace {

void check_threading(LintContext& cx) {
  for (const auto& server : cx.description().servers) {
    const bool in_process = server.kind == ServerKind::inproc ||
                            server.kind == ServerKind::surrogate ||
                            server.kind == ServerKind::handler;
    if (!in_process) continue;
    for (const auto& c : server.classes) {
      if (c.threading != Threading::none) continue;
      cx.report("COM401", c.at, "", "in-process class " + c.clsid + " has no threading model");
    }
  }
}

// TreatAs edges among the description's classes; a chain may also leave the description
// (emulating a system class), which ends it.
void check_treat_as_loops(LintContext& cx) {
  std::map<std::string, const ComClass*> by_clsid;
  for (const auto& server : cx.description().servers) {
    for (const auto& c : server.classes) by_clsid.emplace(c.clsid, &c);
  }
  std::map<std::string, int> state;  // 0 unvisited, 1 on the current chain, 2 done
  for (const auto& [clsid, start] : by_clsid) {
    if (state[clsid] != 0) continue;
    std::vector<const ComClass*> chain;
    const ComClass* c = start;
    while (c != nullptr && state[c->clsid] == 0) {
      state[c->clsid] = 1;
      chain.push_back(c);
      const auto next = by_clsid.find(c->treat_as);
      c = c->treat_as.empty() || next == by_clsid.end() ? nullptr : next->second;
    }
    if (c != nullptr && state[c->clsid] == 1) {
      // c is where the loop closes: name the loop from there.
      std::string loop;
      bool in_loop = false;
      for (const auto* link : chain) {
        if (link == c) in_loop = true;
        if (in_loop) loop += link->clsid + " -> ";
      }
      loop += c->clsid;
      cx.report("COM402", c->at, "/treatAs", "TreatAs loop " + loop);
    }
    for (const auto* link : chain) state[link->clsid] = 2;
  }
}

}  // namespace

void check_class_model(LintContext& cx) {
  check_threading(cx);
  check_treat_as_loops(cx);
}

}  // namespace comreg::lint_detail
