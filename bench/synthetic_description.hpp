// Generates realistic synthetic descriptions for benchmarks (and stress tests).
#pragma once

#include <cstddef>
#include <string>

namespace comreg::bench {

/// JSON text of a description with `classes` classes in realistic proportions: 20 classes per
/// server, one server in five a local server with its own AppID (SDDL permissions, executable
/// mapping), one type library per server, one dual interface per class, every class with a
/// versioned and a version-independent ProgID, some with categories. Set k > 0 (assembly name
/// Synthetic.Components.Set<k>) has other GUIDs, names and files than sets 0 … k-1: installed
/// together they share only the containers (CLSID, AppID, TypeLib, Interface).
std::string synthetic_description(std::size_t classes, std::size_t set = 0);

}  // namespace comreg::bench
