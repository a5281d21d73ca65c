// A queue between one producer and one consumer thread that holds at most `capacity` items
// that count: a file read ahead waits for the writer instead of filling memory. Items that
// do not count (small ones, bounded by the producer's own budget) never make it wait.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <utility>

namespace denial_cli {

template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  /// `weight` is given back by pop (the producer's own measure of the item).
  void push(T item, bool counts = true, std::size_t weight = 0) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (counts) not_full_.wait(lock, [&] { return counted_ < capacity_; });
    counted_ += counts;
    items_.push_back({std::move(item), counts, weight});
    not_empty_.notify_one();
  }

  T pop(std::size_t* weight = nullptr) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty(); });
    Item item = std::move(items_.front());
    items_.pop_front();
    counted_ -= item.counts;
    if (weight) *weight = item.weight;
    not_full_.notify_one();
    return std::move(item.value);
  }

 private:
  struct Item {
    T value;
    bool counts;
    std::size_t weight;
  };
  std::size_t capacity_, counted_ = 0;
  std::deque<Item> items_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
};

}  // namespace denial_cli
