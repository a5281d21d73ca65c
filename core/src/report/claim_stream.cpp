// stream_explained: parse_835 in streaming mode, each claim explained (with its drafts when
// asked) as it is read and handed on, so a writer can write it and let it go. Only reversal
// pairing needs
// to look ahead; a pre-scan of the file's CLP segments says which claims may pair.
#include "denial/claim_stream.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>

#include "report/reversal_groups.h"

namespace denial {
namespace {

using detail::PairGroup;
using detail::PairGroups;

class Streamer {
 public:
  Streamer(const ExplainOptions& options, const StreamOptions& stream,
           const std::function<void(StreamEvent&)>& emit)
      : options_(options),
        own_(stream.own_claims),
        drafts_(stream.drafts),
        own_this_(stream.own_this_claim),
        emit_(emit),
        spare_(stream.spare) {}

  /// The whole file (split = nullptr), or one range of it.
  void run(std::string_view bytes, const FileSplit* split = nullptr, std::size_t range = 0) {
    if (!split) {
      groups_ = detail::reversal_groups(bytes);
    } else {
      // The pairing state a sequential read has at the range's start: counted over the file.
      for (const PairStart& p : split->ranges[range].pairs)
        groups_[p.patient_control_number] = PairGroup{p.total, p.seen, false};
    }
    ParseOptions po;
    po.keep_claims = false;
    po.on_claim = [this](std::size_t t, const Transaction& tx, Claim& c) { claim(t, tx, c); };
    po.on_transaction_end = [this](std::size_t t, const Transaction& tx,
                                   const std::vector<BalanceFinding>& balance) {
      transaction_end(t, tx, balance);
    };
    ParseResult parsed = split ? parse_835_range(bytes, *split, range, po) : parse_835(bytes, po);
    StreamEvent end;
    end.kind = StreamEvent::Kind::file_end;
    end.readable = parsed.readable;
    end.diagnostics = std::move(parsed.diagnostics);
    end.diagnostics.insert(end.diagnostics.end(), code_diags_.begin(), code_diags_.end());
    std::stable_sort(
        end.diagnostics.begin(), end.diagnostics.end(),
        [](const Diagnostic& a, const Diagnostic& b) { return a.segment_no < b.segment_no; });
    emit_(end);
  }

 private:
  struct Waiting {
    std::unique_ptr<Claim> claim;
    std::size_t index = 0;
    std::optional<ExplainedClaim> x;
  };

  // A new transaction in the parse: its claims are counted from 0.
  void enter(std::size_t t) {
    if (current_ == t) return;
    current_ = t;
    index_ = 0;
    begun_ = false;
  }

  // The transaction goes out with its header as it is when its first claim goes out (or at
  // its end): claims that waited for a late BPR name that payment too.
  void begin(const Transaction& tx) {
    if (begun_) return;
    begun_ = true;
    StreamEvent e;
    e.kind = StreamEvent::Kind::transaction_begin;
    e.transaction = current_;
    e.header = std::make_unique<Transaction>(tx);
    emit_(e);
  }

  void claim(std::size_t t, const Transaction& tx, Claim& c) {
    enter(t);
    const std::size_t index = index_++;
    PairGroup* group = nullptr;
    if (!groups_.empty()) {
      auto it = groups_.find(c.patient_control_number);
      if (it != groups_.end()) group = &it->second;
    }
    const bool ready = header_ready(tx);
    if (!group && waiting_.empty() && ready) {
      begin(tx);
      StreamEvent e;
      e.kind = StreamEvent::Kind::claim;
      e.transaction = t;
      const bool own = own_ && (!own_this_ || own_this_());
      if (own) e.owned = take(c);
      e.explained =
          explain_claim(own ? *e.owned : c, tx, t, index, &code_diags_, drafts_, options_);
      emit_(e);
      return;
    }
    Waiting w;
    w.claim = take(c);
    w.index = index;
    // Explained now only if the header is final; else when it is (release_waiting).
    if (ready) w.x = explain_claim(*w.claim, tx, t, index, &code_diags_, drafts_, options_);
    waiting_.push_back(std::move(w));
    if (group) {
      ++group->seen;
      if (!group->waiting) {
        group->waiting = true;
        waiting_groups_.push_back(group);
        if (group->seen < group->total) ++open_groups_;
      } else if (group->seen == group->total) {
        --open_groups_;
      }
    }
    if (open_groups_ == 0 && ready) release_waiting(tx);
  }

  // The reader's claim, moved out (it reuses the object for the next claim, and needs
  // nothing of it but the LX number).
  std::unique_ptr<Claim> take(Claim& c) {
    std::string header = c.header_number;
    std::unique_ptr<Claim> owned;
    if (spare_ && !spare_->empty()) {
      // A claim the caller is done with: swapped, so the reader clears and reuses its buffers.
      owned = std::move(spare_->back());
      spare_->pop_back();
      std::swap(*owned, c);
    } else {
      owned = std::make_unique<Claim>(std::move(c));
    }
    c.header_number = std::move(header);
    return owned;
  }

  // A claim is explained with its payment's date, payer and trace (remit date, deadlines,
  // appeal letter): in a well-formed file they precede every claim. Where they do not (a
  // BPR or N1*PR after claims), the claims wait for them, or for the transaction's end.
  static bool header_ready(const Transaction& tx) {
    return tx.payment.pos.segment_no != 0 && tx.payer.entity == "PR";
  }

  // Pairs the waiting claims among themselves (a claim before them has no partner among the
  // groups, so pairing over the whole transaction gives the same) and hands them on.
  void release_waiting(const Transaction& tx) {
    if (waiting_.empty()) return;
    std::vector<ExplainedClaim> xs;
    xs.reserve(waiting_.size());
    for (Waiting& w : waiting_) {
      if (!w.x)
        w.x = explain_claim(*w.claim, tx, current_, w.index, &code_diags_, drafts_, options_);
      xs.push_back(std::move(*w.x));
    }
    pair_reversals(xs);
    begin(tx);
    const std::size_t first = xs.front().index;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      StreamEvent e;
      e.kind = StreamEvent::Kind::claim;
      e.transaction = current_;
      if (xs[i].paired_with) *xs[i].paired_with += first;
      e.owned = std::move(waiting_[i].claim);
      e.explained = std::move(xs[i]);
      emit_(e);
    }
    waiting_.clear();
    for (PairGroup* g : waiting_groups_) g->waiting = false;
    waiting_groups_.clear();
    open_groups_ = 0;
  }

  void transaction_end(std::size_t t, const Transaction& tx,
                       const std::vector<BalanceFinding>& balance) {
    enter(t);
    release_waiting(tx);  // the transaction's end makes every pairing and its header final
    begin(tx);
    StreamEvent e;
    e.kind = StreamEvent::Kind::transaction_end;
    e.transaction = t;
    e.header = std::make_unique<Transaction>(tx);
    e.balance.assign(balance.begin() + static_cast<std::ptrdiff_t>(balance_taken_), balance.end());
    balance_taken_ = balance.size();
    emit_(e);
    current_ = SIZE_MAX;
  }

  const ExplainOptions& options_;
  bool own_, drafts_;
  std::function<bool()> own_this_;
  const std::function<void(StreamEvent&)>& emit_;
  std::vector<std::unique_ptr<Claim>>* spare_;
  PairGroups groups_;
  std::vector<Waiting> waiting_;
  std::vector<PairGroup*> waiting_groups_;
  std::size_t open_groups_ = 0;
  std::size_t current_ = SIZE_MAX, index_ = 0, balance_taken_ = 0;
  bool begun_ = false;
  Diagnostics code_diags_;
};

// A diagnostic a sequential read gives once per file (its first word names it), or "".
std::string_view reported_once(const Diagnostic& d) {
  static constexpr std::string_view kOnce = "(reported once)";
  const std::string_view m = d.message;
  if (m.size() < kOnce.size() || m.substr(m.size() - kOnce.size()) != kOnce) return {};
  return m.substr(0, m.find(' '));
}

}  // namespace

void stream_explained_range(std::string_view bytes, const FileSplit& split, std::size_t range,
                            const ExplainOptions& options, const StreamOptions& stream,
                            const std::function<void(StreamEvent&)>& emit) {
  Streamer(options, stream, emit).run(bytes, &split, range);
}

StreamEvent merge_file_ends(std::vector<StreamEvent>& ends) {
  StreamEvent merged;
  merged.kind = StreamEvent::Kind::file_end;
  for (StreamEvent& e : ends) {
    merged.readable = merged.readable || e.readable;
    merged.diagnostics.insert(merged.diagnostics.end(),
                              std::make_move_iterator(e.diagnostics.begin()),
                              std::make_move_iterator(e.diagnostics.end()));
  }
  // Ranges cover disjoint runs of segments, each sorted as the sequential read sorts: a
  // stable sort of them in order is the sequential order.
  std::stable_sort(
      merged.diagnostics.begin(), merged.diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.segment_no < b.segment_no; });
  std::vector<std::string> once;
  auto repeated = [&](const Diagnostic& d) {
    const std::string_view kind = reported_once(d);
    if (kind.empty()) return false;
    if (std::find(once.begin(), once.end(), kind) != once.end()) return true;
    once.emplace_back(kind);
    return false;
  };
  merged.diagnostics.erase(
      std::remove_if(merged.diagnostics.begin(), merged.diagnostics.end(), repeated),
      merged.diagnostics.end());
  return merged;
}

void stream_explained_split(std::string_view bytes, const FileSplit& split,
                            const ExplainOptions& options, const StreamOptions& stream,
                            const std::function<void(StreamEvent&)>& emit) {
  if (split.ranges.empty()) return stream_explained(bytes, options, stream, emit);
  std::vector<StreamEvent> ends;
  for (std::size_t r = 0; r < split.ranges.size(); ++r)
    stream_explained_range(bytes, split, r, options, stream, [&](StreamEvent& e) {
      if (e.kind == StreamEvent::Kind::file_end)
        ends.push_back(std::move(e));
      else
        emit(e);
    });
  StreamEvent end = merge_file_ends(ends);
  emit(end);
}

void stream_explained(std::string_view bytes, const ExplainOptions& options,
                      const StreamOptions& stream, const std::function<void(StreamEvent&)>& emit) {
  Streamer(options, stream, emit).run(bytes);
}

}  // namespace denial
