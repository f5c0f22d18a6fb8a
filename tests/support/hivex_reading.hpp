// What hivex, an independent reader of the hive format, reads in a hive file, against what
// comreg's own reader reads there (tests/unit/regf_writer_test.cpp, hive_in_place_test.cpp).
#pragma once

#include <hivex.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "comreg/store/memory_backend.hpp"
#include "support/hive_stores.hpp"

namespace comreg::testing {

// What hivex reads in the file: every key, value name, type and data byte.
inline void hivex_tree(hive_h* h, hive_node_h node, MemoryBackend& to, const std::string& key) {
  REQUIRE(to.create_key(key).ok());
  hive_value_h* values = hivex_node_values(h, node);
  REQUIRE(values != nullptr);
  for (std::size_t i = 0; values[i] != 0; ++i) {
    char* name = hivex_value_key(h, values[i]);
    REQUIRE(name != nullptr);
    hive_type t{};
    std::size_t length = 0;
    char* data = hivex_value_value(h, values[i], &t, &length);
    REQUIRE(data != nullptr);
    std::uint32_t type = 0;
    std::memcpy(&type, &t, sizeof type);  // any 32-bit number, never loaded as the enum
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);
    REQUIRE(to.set_value(key, name,
                         RegValue::from_raw(static_cast<RegType>(type),
                                            std::vector<std::uint8_t>(bytes, bytes + length)))
                .ok());
    std::free(data);
    std::free(name);
  }
  std::free(values);
  hive_node_h* children = hivex_node_children(h, node);
  REQUIRE(children != nullptr);
  for (std::size_t i = 0; children[i] != 0; ++i) {
    char* name = hivex_node_name(h, children[i]);
    REQUIRE(name != nullptr);
    hivex_tree(h, children[i], to, key + "\\" + name);
    std::free(name);
  }
  std::free(children);
}

// hivex's reading of `file` and the store's, as dumps to compare.
inline void check_hivex_reads_what_the_store_holds(const std::string& file,
                                                   const std::string& mount) {
  MemoryBackend by_hivex;
  hive_h* h = hivex_open(file.c_str(), 0);
  REQUIRE(h != nullptr);
  hivex_tree(h, hivex_root(h), by_hivex, "R");
  hivex_close(h);
  MemoryBackend by_store;
  copy_tree(*open_hive(file, mount, false), mount, by_store, "R");
  CHECK(by_hivex.dump() == by_store.dump());
  CHECK(by_hivex.dump().size() > 10);
}

}  // namespace comreg::testing
