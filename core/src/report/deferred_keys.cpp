// Codes keys of claims rendered on reader threads (ClaimTextOptions::deferred): each distinct
// entry is built once for the process and shared, so a reader thread names it by pointer and
// the writer numbers its variants in report order. A thread asks the shared table only the
// first time it meets an entry (its own cache answers after), so the lock is rare.
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "explain/helpers.h"
#include "report/json_parts.h"

namespace denial::detail {
namespace {

using Kind = DeferredKey::Kind;

// The shared table, by kind and signature.
const DeferredKey* intern(Kind kind, std::string signature, std::string code,
                          const std::function<nlohmann::json()>& entry) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::unique_ptr<DeferredKey>> table;
  std::string id(1, static_cast<char>('0' + static_cast<int>(kind)));
  id += signature;
  std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<DeferredKey>& k = table[id];
  if (!k) {
    k = std::make_unique<DeferredKey>();
    k->kind = kind;
    k->signature = std::move(signature);
    k->code = std::move(code);
    k->entry = entry();
  }
  return k.get();
}

// A remark's entry depends on its guidance as well as its key: the writer keeps the first it
// meets for a key, as the one-thread writer does, so each distinct entry is its own key here.
std::string remark_identity(const ExplainedRemark& r) {
  std::string s = remark_key(*r.source);
  s += '\x1e';
  s += nlohmann::json(remark_entry(r)).dump();
  return s;
}

}  // namespace

const DeferredKey* deferred_adjustment_key(const ExplainedAdjustment& a, Channel channel) {
  thread_local std::unordered_map<std::string, const DeferredKey*> seen;
  thread_local std::string identity;
  std::string code = adjustment_code(*a.source);
  guidance_identity(identity, code, a, channel);
  const DeferredKey*& k = seen[identity];
  if (!k)
    k = intern(Kind::adjustment, guidance_signature(code, a, channel), code,
               [&] { return adjustment_entry(a, channel); });
  return k;
}

const DeferredKey* deferred_remark_key(const ExplainedRemark& r) {
  // By the guidance's identity: the same remark with the same advice, most of the time.
  thread_local std::unordered_map<std::string, const DeferredKey*> seen;
  thread_local std::string identity;
  const RemarkGuidance& g = r.guidance;
  identity = remark_key(*r.source);
  auto put = [](std::string& s, const auto& v) {
    s.append(reinterpret_cast<const char*>(&v), sizeof v);
  };
  put(identity, r.rarc), put(identity, g.effect), put(identity, g.from_rule);
  put(identity, g.action_override), put(identity, g.action);
  identity += '\x1f';
  identity += g.note;
  identity += '\x1f';
  for (std::string_view id : g.sources) {
    put(identity, id.data());
    put(identity, id.size());
  }
  const DeferredKey*& k = seen[identity];
  if (!k) {
    std::string key = remark_key(*r.source);
    k = intern(Kind::remark, remark_identity(r), key, [&] { return remark_entry(r); });
  }
  return k;
}

const DeferredKey* deferred_status_key(const ExplainedClaim& x) {
  thread_local std::unordered_map<std::string, const DeferredKey*> seen;
  const std::string key = "CLP02:" + x.claim->status;
  const DeferredKey*& k = seen[key];
  if (!k) k = intern(Kind::status, key, key, [&] { return status_entry(x); });
  return k;
}

const DeferredKey* deferred_action_key(const NextAction& n) {
  thread_local std::unordered_map<std::string, const DeferredKey*> seen;
  std::string signature = action_signature(n);
  const DeferredKey*& k = seen[signature];
  if (!k)
    k = intern(Kind::action, signature, std::string(action_id(n.action)),
               [&] { return action_entry(n); });
  return k;
}

}  // namespace denial::detail
