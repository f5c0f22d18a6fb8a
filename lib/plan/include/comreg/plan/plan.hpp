// The plan: the registry operations a description means, as pure data.
//
// make_plan() is deterministic (same description and options -> same plan, byte for byte in
// every rendering) and does no I/O. Emitters (.reg, …) and registry backends only consume it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/core/output_file.hpp"
#include "comreg/core/registry_op.hpp"
#include "comreg/core/registry_scope.hpp"
#include "comreg/core/registry_value.hpp"
#include "comreg/model/description.hpp"

namespace comreg {

/// Who may delete a key on uninstall.
enum class Ownership : std::uint8_t {
  owned,   // created for this server only: uninstall deletes the key and its whole tree
  shared,  // may hold other servers' entries: uninstall removes only the values the plan set
};

struct PlanOptions {
  Scope scope = Scope::user;
  View view = View::v64;
};

/// The plan's operations are create_key and set_value.
using OpKind = RegistryOp::Kind;

/// One registry operation of the plan, with where it came from. `key` is relative to the
/// classes root and logical: it never contains Wow6432Node (use physical_key() for the path a
/// .reg file must name). `name` "" is the default value. set_value ops always follow the
/// create_key op of their key.
struct Operation : RegistryOp {
  Ownership ownership = Ownership::owned;  // of `key`; meaningful on create_key
  std::uint32_t origin = 0;                // index into Plan::origins
  /// On create_key: the first key of a tree that another product may register too (an AppID,
  /// an interface, a type library version, a version-independent ProgID, a category) and the
  /// description does not call exclusive. Formats without reference counts never delete such
  /// a tree; WiX gives it a component of its own. The live install ignores it: its claims
  /// already count the registrations that share a key.
  bool shareable = false;
};

/// A placeholder the description kept symbolic (LoadOptions::symbolic): "${name}", written as
/// such in an operation's text, for a writer that renders it as its own reference (a WiX
/// property, an Inno Setup constant, the DLL's folder at run time).
struct PlaceholderSpan {
  std::uint32_t offset = 0;  // of "${" in the text, in bytes
  std::uint32_t length = 0;  // of "${name}"
  std::string name;
};

/// The symbolic placeholders in the text of one set_value operation. Only paths hold them, and
/// the planner writes paths as REG_SZ or REG_EXPAND_SZ: the spans index RegValue::text.
struct SymbolicValue {
  std::uint32_t op = 0;                       // index into Plan::ops
  std::vector<PlaceholderSpan> placeholders;  // in text order, at least one
  /// A LocalServer32 command whose server path the planner quoted only because a placeholder
  /// in it may stand for a folder with a space: the quotes are text[0] and
  /// text[closing_quote]. With the folder known, they belong there exactly when the resolved
  /// path has a space (as for a literal path); without it, keeping them is always safe.
  bool quote_if_spaced = false;
  std::uint32_t closing_quote = 0;
};

/// The operations, and the JSON pointers of the description elements they came from (shared
/// by all the operations of one element, so a 10,000-class plan does not copy them 300,000
/// times).
struct Plan {
  PlanOptions options;
  std::vector<Operation> ops;
  std::vector<std::string> origins;
  /// The operations whose text holds symbolic placeholders, in operation order. Empty unless
  /// the description kept placeholders symbolic: a plan of real paths pays nothing per op.
  std::vector<SymbolicValue> symbolic = {};

  /// JSON pointer of the description element that produced `op` ("" if unknown).
  [[nodiscard]] const std::string& origin_of(const Operation& op) const;
  /// The symbolic placeholders of `op`, an element of `ops`; null when it has none.
  [[nodiscard]] const SymbolicValue* symbolic_of(const Operation& op) const;
};

/// The key path below the classes root as it exists for `view` on 64-bit Windows: for the
/// 32-bit view, "CLSID\…" and "Interface\…" become "Wow6432Node\CLSID\…" etc.
[[nodiscard]] std::string physical_key(std::string_view key, View view);

/// Computes the plan. The description must come from load_description() without errors.
[[nodiscard]] Plan make_plan(const Description& description, const PlanOptions& options);

/// The keys that uninstall deletes as whole trees: owned keys whose parent is not owned,
/// in plan order.
[[nodiscard]] std::vector<std::string> owned_roots(const Plan& plan);

/// Stable, line-oriented rendering (one operation per line) for people and golden tests.
[[nodiscard]] std::string plan_to_text(const Plan& plan);

/// The same text written into `out` as it goes, in chunks (a 10,000-class plan is 22 MB).
void plan_to_text(const Plan& plan, ByteSink& out);

/// {"scope","view","root","operations":[{"op","key","physicalKey","name","type","value",
///   "ownership","origin"}]}
[[nodiscard]] std::string plan_to_json(const Plan& plan);

/// The same JSON written into `out` as it goes, in chunks (a 10,000-class plan is 90 MB).
void plan_to_json(const Plan& plan, ByteSink& out);

}  // namespace comreg
