// FaultInjectingBackend: another backend whose k-th write fails, throws, or ends the process,
// to prove that install and uninstall are all or nothing (tests, and the test-only
// COMREG_TEST_DIE_AFTER_WRITES switch of the CLI).
#pragma once

#include <cstddef>

#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// Thrown by a FaultInjectingBackend in `Fault::crash` mode: stands for the death of the
/// process (nothing after it runs, no rollback).
struct SimulatedCrash {
  std::size_t writes_done = 0;
};

/// Forwards everything to `inner`; counts writes (create_key, set_value, delete_value,
/// delete_tree) from 1. Reads are never affected.
class FaultInjectingBackend final : public RegistryBackend {
 public:
  enum class Fault : std::uint8_t {
    fail,       // write k is not made and reports BackendErrc::injected; later writes work
    crash,      // write k is not made and throws SimulatedCrash
    terminate,  // the process ends (exit code 99, no cleanup) right after write k is made
  };
  FaultInjectingBackend(RegistryBackend& inner, std::size_t k, Fault fault);

  /// Writes made so far (the failed one not counted).
  [[nodiscard]] std::size_t writes() const { return writes_; }

  Status create_key(std::string_view key) override;
  Status set_value(std::string_view key, std::string_view name, const RegValue& value) override;
  Status delete_value(std::string_view key, std::string_view name) override;
  Status delete_tree(std::string_view key) override;

  bool key_exists(std::string_view key) const override { return inner_.key_exists(key); }
  std::optional<RegValue> get_value(std::string_view key, std::string_view name) const override {
    return inner_.get_value(key, name);
  }
  std::vector<std::string> subkeys(std::string_view key) const override {
    return inner_.subkeys(key);
  }
  std::vector<std::string> value_names(std::string_view key) const override {
    return inner_.value_names(key);
  }
  std::optional<KeyCounts> key_counts(std::string_view key) const override {
    return inner_.key_counts(key);
  }
  void expect_whole_key_reads() const override { inner_.expect_whole_key_reads(); }
  Status commit() override { return inner_.commit(); }
  bool can_discard() const override { return inner_.can_discard(); }
  bool discard() override { return inner_.discard(); }
  bool redirects_views() const override { return inner_.redirects_views(); }
  bool same_key_in_both_views(std::string_view key) const override {
    return inner_.same_key_in_both_views(key);
  }
  bool holds(std::string_view key) const override { return inner_.holds(key); }

 private:
  template <typename F>
  Status write(std::string_view key, F&& make);

  RegistryBackend& inner_;
  std::size_t k_;
  Fault fault_;
  std::size_t writes_ = 0;
  std::size_t attempts_ = 0;
};

}  // namespace comreg
