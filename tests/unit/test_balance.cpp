// MessageBalance: the shared "where every message went" of queues, topics and streams.
#include <catch2/catch.hpp>

#include "core/sim/balance.h"

using cp::sim::MessageBalance;

TEST_CASE("message balance: held terms are summed and listed together; a gap is called out", "[balance]") {
  MessageBalance b;
  b.in = {{"sent", "sent", "보냄", 100}, {"from_sources", "from source queues", "원본 대기열에서", 0}};
  b.out = {{"deleted", "deleted", "삭제", 60},
           {"visible", "visible", "표시", 25, true},
           {"in_flight", "in flight", "처리 중", 5, true},
           {"expired", "expired", "만료", 10}};
  CHECK(b.total_in() == 100);
  CHECK(b.held() == 30);
  CHECK(b.balanced());
  CHECK(b.text(false) == "sent 100 = deleted 60 + held 30 (visible 25, in flight 5) + expired 10");
  CHECK(b.text(true) == "보냄 100 = 삭제 60 + 보관 중 30 (표시 25, 처리 중 5) + 만료 10");

  b.in[1].value = 4;  // a source queue moved 4 in, and they are nowhere
  CHECK_FALSE(b.balanced());
  CHECK(b.text(false) == "sent 100 + from source queues 4 = deleted 60 + held 30 (visible 25, in flight 5) + expired 10 (does not balance)");
}
