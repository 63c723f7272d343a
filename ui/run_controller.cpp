// RunController: see run_controller.h.
#include "ui/run_controller.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace cp::ui {

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
constexpr uint64_t kChunk = 4000;  // events between clock checks
}  // namespace

// ---- the document -------------------------------------------------------------------

void RunController::follow(const doc::Document& d, uint64_t revision) {
  if (have_doc_ && revision == revision_) return;
  revision_ = revision;
  // The run's semantics: the canvas layout, the story and the starting speed change nothing in it.
  doc::Document sem = d;
  sem.layout = nlohmann::json::object();
  sem.story = {};
  sem.description.clear();
  sem.settings.speed.reset();
  const bool speed_named_changed = !have_doc_ || d.settings.speed != named_speed_;
  named_speed_ = d.settings.speed;
  if (have_doc_ && sem == doc_) {  // only the layout (or the story, or the named speed) moved
    if (speed_named_changed) start_at_named_speed();
    return;
  }
  const bool first = !have_doc_;
  const uint64_t old_doc_seed = doc_.settings.seed;
  const std::string old_name = doc_.name;
  std::set<std::string> old_ids;
  for (const auto& n : doc_.nodes) old_ids.insert(n.id);
  doc_ = std::move(sem);
  have_doc_ = true;
  // A new document (not an edit of this one) starts over from its own seed.
  if (first || !seed_from_user_ || doc_.settings.seed != old_doc_seed) {
    seed_ = doc_.settings.seed;
    seed_from_user_ = false;
  }
  sim::SimTime t = seek_target_.value_or(now());
  bool was_playing = playing_ || resume_after_seek_;
  // Another design (opened, imported, new): start over. An edit of this one keeps its moment.
  bool same_design = !first && doc_.name == old_name;
  if (same_design) {
    bool common = false;
    for (const auto& n : doc_.nodes) common = common || old_ids.count(n.id) > 0;
    same_design = common || doc_.nodes.empty() || old_ids.empty();
  }
  if (!same_design) {
    t = 0;
    was_playing = false;
    playing_ = false;
    started_ = false;
    faults_.clear();
  }
  // A new design starts at the speed it names (1× when it names none), as does a change of that speed.
  if (!same_design || speed_named_changed) start_at_named_speed();
  // Faults whose target no longer exists are dropped by command_of at replay time.
  rebuild();
  if (t > 0 && ready()) {
    seek(t);
    resume_after_seek_ = was_playing;
  }
}

void RunController::start_at_named_speed() {
  max_speed_ = false;
  speed_ = std::clamp(named_speed_.value_or(1.0), kMinSpeed, kMaxSpeed);
  behind_score_ = budget_score_ = 0;
  achieved_speed_ = 0;
}

void RunController::rebuild(bool same_history) {
  if (!same_history) ++history_;
  built_ = engine::build(doc_, seed_);
  errors_ = built_.errors;
  if (!built_.sim && errors_.empty()) errors_.push_back({"", "the document could not be built", "문서로 실행을 준비하지 못했습니다"});
  if (built_.sim) built_.sim->start();
  goals_.reset();
  if (built_.sim && !doc_.goals.empty()) {
    goals_.emplace(doc_, built_);
    goals_->observe(*built_.sim);  // windows that start at 0 s
  }
  checkpoints_.clear();
  checkpoint_every_ = kCheckpointEvents;
  next_fault_ = 0;
  seek_target_.reset();
  resume_after_seek_ = false;
  ++generation_;
}

std::optional<sim::Command> RunController::command_of(const Fault& f) const {
  if (!built_.sim) return std::nullopt;
  return engine::fault_command(built_, f.action, f.target, f.value, f.begin);
}

// ---- running --------------------------------------------------------------------------

bool RunController::advance_to(sim::SimTime until, double ms_budget, uint64_t event_budget) {
  sim::Simulation* s = built_.sim.get();
  if (!s) return true;
  const auto t0 = Clock::now();
  uint64_t done = 0;
  bool reached = false;
  while (true) {
    const bool fault_next = next_fault_ < faults_.size() && faults_[next_fault_].at <= until;
    const sim::SimTime fault_or_until = fault_next ? faults_[next_fault_].at : until;
    // A goal's window edge comes first: its measurement is taken exactly there, as the CLI does.
    const sim::SimTime edge = goals_ ? goals_->next_edge(s->now()) : sim::kNever;
    const sim::SimTime stop = std::min(fault_or_until, edge);
    const uint64_t chunk = std::min<uint64_t>(kChunk, event_budget > done ? event_budget - done : 0);
    if (chunk == 0) break;
    const sim::StepResult r = s->advance(stop, chunk);
    done += r.events;
    if (r.reached_until && goals_) goals_->observe(*s);
    maybe_checkpoint();
    if (r.reached_until) {
      if (stop < fault_or_until) continue;  // a goal's edge, on the way
      if (!fault_next) {
        reached = true;
        break;
      }
      if (auto c = command_of(faults_[next_fault_])) s->apply(*c);
      ++next_fault_;
      continue;
    }
    if (ms_since(t0) > ms_budget) break;
  }
  last_step_events_ = done;
  last_step_ms_ = ms_since(t0);
  return reached;
}

void RunController::maybe_checkpoint() {
  const sim::Simulation* s = built_.sim.get();
  const uint64_t last = checkpoints_.empty() ? 0 : checkpoints_.back().state->state->events_processed();
  if (!s || s->events_processed() < last + checkpoint_every_) return;
  checkpoints_.push_back({s->checkpoint(), next_fault_, goals_});
  if (checkpoint_bytes() > kCheckpointBytes) {
    // Full: keep every other one (the oldest stays) and take them half as often.
    std::vector<Saved> kept;
    for (size_t i = 0; i < checkpoints_.size(); i += 2) kept.push_back(std::move(checkpoints_[i]));
    checkpoints_ = std::move(kept);
    checkpoint_every_ *= 2;
  }
}

size_t RunController::checkpoint_bytes() const {
  size_t b = 0;
  for (const Saved& c : checkpoints_) b += c.state->approx_bytes;
  return b;
}

bool RunController::rewind_before(sim::SimTime t) {
  sim::Simulation* s = built_.sim.get();
  if (!s) return false;
  while (!checkpoints_.empty()) {
    auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), t,
                               [](sim::SimTime v, const Saved& c) { return v < c.state->at; });
    if (it == checkpoints_.begin()) return false;
    --it;
    if (s->rewind_to(*it->state)) {
      next_fault_ = std::min(it->next_fault, faults_.size());
      goals_ = it->goals;
      last_rewind_from_ = it->state->at;
      // Checkpoints after this moment stay valid (same history) unless a fault is added.
      ++generation_;  // panels drop what they cached of the later moment
      return true;
    }
    checkpoints_.erase(it);  // e.g. the series were halved since: unusable
  }
  return false;
}

void RunController::update(double dt_s) {
  if (!ready()) return;
  last_step_ms_ = 0;
  last_step_events_ = 0;
  // Slow frames (not a tab back from the background, which is > 1 s) also mean "behind".
  const bool clamped = dt_s > kMaxFrameDt && dt_s < 1.0;
  const double wall_s = dt_s < 1.0 ? std::max(0.0, dt_s) : 0.0;  // this frame's wall time, for the speed reached
  if (wall_s > 0) frame_s_ = frame_s_ == 0 ? wall_s : 0.9 * frame_s_ + 0.1 * wall_s;
  dt_s = std::clamp(dt_s, 0.0, kMaxFrameDt);
  if (seek_target_) {
    const sim::SimTime before = now();
    const bool reached = advance_to(*seek_target_, budget_.seek_ms, UINT64_MAX);
    if (last_step_ms_ > 0.5) {
      double eps = static_cast<double>(last_step_events_) / (last_step_ms_ / 1000.0);
      replay_eps_ = replay_eps_ == 0 ? eps : 0.8 * replay_eps_ + 0.2 * eps;
    }
    (void)before;
    if (reached) {
      seek_target_.reset();
      if (resume_after_seek_) playing_ = true;
      resume_after_seek_ = false;
    }
    return;
  }
  if (!playing_) {
    achieved_speed_ = 0;
    behind_score_ *= 0.9;
    budget_score_ *= 0.9;
    return;
  }
  const sim::SimTime start = now();
  sim::SimTime target;
  if (max_speed_) {
    target = duration();
  } else {
    target = std::min(duration(), start + std::max<sim::SimTime>(1, static_cast<sim::SimTime>(dt_s * speed_ * 1e6)));
  }
  const bool reached = advance_to(target, budget_.ms, budget_.events);
  const double sim_s = sim::to_seconds(now() - start);
  // Measured over the frame's real wall time: a frame clamped to kMaxFrameDt reaches less than the chosen speed.
  if (wall_s > 0) {
    const double a = sim_s / wall_s;
    achieved_speed_ = achieved_speed_ == 0 ? a : 0.9 * achieved_speed_ + 0.1 * a;
  }
  // Behind: the budget stopped the frame short of the chosen speed, or the frame came too late
  // (smoothed over ~20 frames); the two causes are told apart for the notice (ui/keep_up.h).
  const bool budget_short = !max_speed_ && !reached && now() < duration();
  const bool short_frame = !max_speed_ && (budget_short || clamped);
  behind_score_ = 0.95 * behind_score_ + 0.05 * (short_frame ? 1.0 : 0.0);
  budget_score_ = 0.95 * budget_score_ + 0.05 * (budget_short ? 1.0 : 0.0);
  held_offer_ = behind() ? hold_offer(held_offer_, fresh_keep_up().suggested, achieved_speed_) : 0;
  if (now() >= duration()) playing_ = false;
}

void RunController::play() {
  if (!ready()) return;
  if (finished()) reset();
  started_ = true;
  if (seek_target_) resume_after_seek_ = true;
  else playing_ = true;
}

void RunController::pause() {
  playing_ = false;
  resume_after_seek_ = false;
}

void RunController::step() {
  if (!ready()) return;
  started_ = true;
  playing_ = false;
  const sim::SimTime next = (now() / sim::kSecond + 1) * sim::kSecond;
  seek(std::min(next, duration()));
}

void RunController::reset() {
  playing_ = false;
  started_ = false;
  rebuild(/*same_history=*/true);
  behind_score_ = 0;
  budget_score_ = 0;
  achieved_speed_ = 0;
  held_offer_ = 0;
}

void RunController::clear_faults() {
  faults_.clear();
  const sim::SimTime t = now();
  rebuild();
  if (t > 0) seek(t);
}

void RunController::set_speed(double x) {
  if (!(x > 0)) return;
  const double was = speed_;
  speed_ = std::clamp(x, kMinSpeed, kMaxSpeed);
  // A slower speed is judged afresh: the notice goes until the new speed proves too fast too.
  if (speed_ < was) {
    behind_score_ = budget_score_ = 0;
    achieved_speed_ = 0;
  }
  if (speed_ != was) held_offer_ = 0;
}

KeepUpAdvice RunController::keep_up() const {
  KeepUpAdvice a = fresh_keep_up();
  if (a.suggested > 0 && held_offer_ > 0) a.suggested = held_offer_;
  return a;
}

KeepUpAdvice RunController::fresh_keep_up() const {
  KeepUpInput in;
  in.chosen = speed_;
  in.achieved = achieved_speed_;
  in.budget_limited = budget_score_ > 0.3;
  in.frame_s = frame_s_;
  in.max_frame_s = kMaxFrameDt;
  in.min_speed = kMinSpeed;
  return keep_up_advice(in);
}

void RunController::set_seed(uint64_t seed) {
  if (seed == seed_) return;
  seed_ = seed;
  seed_from_user_ = true;
  playing_ = false;
  rebuild();
}

void RunController::seek(sim::SimTime t) {
  if (!ready()) return;
  t = std::clamp<sim::SimTime>(t, 0, duration());
  const bool was_playing = playing_ || resume_after_seek_;
  // Back: rewind to the nearest earlier checkpoint (or rebuild) and fast-forward.
  if (t < now() && !rewind_before(t)) {
    rebuild(/*same_history=*/true);
    last_rewind_from_ = -1;
  }
  started_ = started_ || t > 0;
  seek_from_ = now();
  if (t == now()) {
    seek_target_.reset();
    return;
  }
  seek_target_ = t;
  resume_after_seek_ = was_playing;
  playing_ = false;
  // Short seeks finish in this frame (a scrub feels immediate when replay is fast).
  update(0);
}

double RunController::seek_progress() const {
  if (!seek_target_) return 1;
  const double span = static_cast<double>(*seek_target_ - seek_from_);
  return span <= 0 ? 1 : std::clamp(static_cast<double>(now() - seek_from_) / span, 0.0, 1.0);
}

bool RunController::fault(const std::string& action, const std::string& target, double value, bool begin) {
  if (!ready()) return false;
  if (seek_target_) {  // finish the seek first: faults land at a settled moment
    advance_to(*seek_target_, 1e9, UINT64_MAX);
    seek_target_.reset();
  }
  Fault f{now(), action, target, value, begin};
  auto c = command_of(f);
  if (!c) return false;
  // Handle every event at this moment first, as replay will (advance(t) then apply).
  built_.sim->advance(now());
  faults_.resize(next_fault_);  // a new branch: later faults of an earlier timeline go
  // ... and so do checkpoints of that later history.
  while (!checkpoints_.empty() && checkpoints_.back().state->at > now()) checkpoints_.pop_back();
  faults_.push_back(f);
  ++history_;  // a new branch from now on
  built_.sim->apply(*c);
  next_fault_ = faults_.size();
  started_ = true;
  return true;
}

std::vector<engine::GoalResult> RunController::goal_results() const {
  if (!goals_ || !built_.sim) return {};
  return goals_->results(*built_.sim);
}

// ---- share links ---------------------------------------------------------------------------

doc::RunSettings RunController::run_settings() const {
  doc::RunSettings r;
  r.seed = seed_;
  r.speed = max_speed_ ? 0 : speed_;
  r.t_s = sim::to_seconds(seek_target_.value_or(now()));
  r.playing = playing_ || resume_after_seek_;
  for (const Fault& f : faults_) {
    if (f.begin) {
      doc::FaultDoc d;
      d.at_s = sim::to_seconds(f.at);
      d.action = f.action;
      d.target = f.target;
      d.value = f.value;
      r.faults.push_back(d);
    } else {
      for (auto it = r.faults.rbegin(); it != r.faults.rend(); ++it)
        if (it->action == f.action && it->target == f.target && !it->until_s) {
          it->until_s = sim::to_seconds(f.at);
          break;
        }
    }
  }
  return r;
}

void RunController::apply_run_settings(const doc::RunSettings& r) {
  faults_.clear();
  for (const auto& d : r.faults) {
    faults_.push_back({sim::from_seconds(d.at_s), d.action, d.target, d.value, true});
    if (d.until_s) faults_.push_back({sim::from_seconds(*d.until_s), d.action, d.target, d.value, false});
  }
  std::stable_sort(faults_.begin(), faults_.end(), [](const Fault& a, const Fault& b) { return a.at < b.at; });
  if (r.speed <= 0) max_speed_ = true;
  else max_speed_ = false, set_speed(r.speed);
  seed_ = r.seed;
  seed_from_user_ = r.seed != doc_.settings.seed;
  playing_ = false;
  if (have_doc_) rebuild();
  if (r.t_s > 0) seek(sim::from_seconds(r.t_s));
  if (r.playing) play();
  started_ = started_ || r.t_s > 0 || r.playing;
}

}  // namespace cp::ui
