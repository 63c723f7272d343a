// i18n: the editor's strings in English and Korean (see i18n.h).
// Korean follows AWS's Korean console: 리전, 가용 영역, 로드 밸런서, 대기열, 인스턴스.
#include "ui/i18n.h"

#include <cstdarg>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <deque>

namespace cp::ui {

namespace {

const StringEntry kStrings[] = {
    // ---- menus ----
    {"menu.file", "File", "파일"},
    {"menu.edit", "Edit", "편집"},
    {"menu.view", "View", "보기"},
    {"menu.run", "Run", "실행"},
    {"menu.regions", "Regions", "리전"},
    {"menu.language", "Language / 언어", "언어 / Language"},
    {"menu.help", "Help", "도움말"},
    {"menu.undo", "Undo", "실행 취소"},
    {"menu.undo_named", "Undo: %s", "실행 취소: %s"},
    {"menu.redo", "Redo", "다시 실행"},
    {"menu.redo_named", "Redo: %s", "다시 실행: %s"},
    {"menu.cut", "Cut", "잘라내기"},
    {"menu.copy", "Copy", "복사"},
    {"menu.paste", "Paste", "붙여넣기"},
    {"menu.duplicate", "Duplicate", "복제"},
    {"menu.delete", "Delete", "삭제"},
    {"menu.delete_wire", "Delete connection", "연결 삭제"},
    {"menu.select_all", "Select all", "모두 선택"},
    {"menu.fit", "Fit to view", "화면에 맞추기"},
    {"menu.zoom_in", "Zoom in", "확대"},
    {"menu.zoom_out", "Zoom out", "축소"},
    {"menu.zoom_reset", "Actual size (100%)", "실제 크기(100%)"},
    {"menu.shortcuts", "Keyboard shortcuts", "단축키"},
    {"menu.about", "About cloudplay", "cloudplay 정보"},
    {"menu.add_region", "Add Region", "리전 추가"},
    {"menu.add_az", "Add Availability Zone", "가용 영역 추가"},
    {"menu.remove_region", "Remove this Region", "이 리전 제거"},
    {"menu.remove_az", "Remove this Availability Zone", "이 가용 영역 제거"},
    {"menu.in_document", "In this diagram", "이 다이어그램의 리전"},
    {"menu.english", "English", "English"},
    {"menu.korean", "한국어 (Korean)", "한국어"},

    // ---- panels, status line ----
    {"app.palette", "Services", "서비스"},
    {"app.inspector", "Properties", "속성"},
    {"app.status", "%d services  ·  %d connections  ·  zoom %d%%", "서비스 %d개  ·  연결 %d개  ·  확대 %d%%"},
    {"app.frame", "frame %.2f ms", "프레임 %.2f밀리초"},
    {"app.about", "cloudplay %s: a cloud playground in your browser. Place AWS services on the canvas, wire them "
                  "together and run traffic through them.",
     "cloudplay %s: 브라우저에서 바로 쓰는 클라우드 실습장입니다. AWS 서비스를 캔버스에 놓고 연결한 다음, 트래픽을 "
     "흘려 보며 동작을 살펴보세요."},
    {"app.font_missing", "The Korean font could not be loaded; Hangul may not display.",
     "한글 글꼴을 불러오지 못해 한글이 제대로 보이지 않을 수 있습니다."},

    // ---- palette ----
    {"palette.search", "Search services", "서비스 검색"},
    {"palette.empty", "No services yet: this build's service catalog is empty.",
     "아직 서비스가 없습니다. 이 빌드의 서비스 카탈로그가 비어 있습니다."},
    {"palette.drag_hint", "Drag it onto the canvas, or double-click to add it.",
     "캔버스로 끌어다 놓거나 두 번 클릭해서 추가하세요."},
    {"palette.no_match", "No service matches your search.", "검색과 일치하는 서비스가 없습니다."},

    // ---- canvas ----
    {"canvas.az", "Availability Zone", "가용 영역"},
    {"canvas.batch", "batch %d", "배치 %d"},
    {"canvas.reads_only", "Reads", "읽기"},
    {"canvas.writes_only", "Writes", "쓰기"},
    {"canvas.needs_az", "Put it inside an Availability Zone frame: this service runs in one AZ.",
     "가용 영역 프레임 안에 놓으세요. 이 서비스는 가용 영역 하나에서 실행됩니다."},
    {"canvas.needs_region", "Put it inside a Region frame: this service runs in a Region.",
     "리전 프레임 안에 놓으세요. 이 서비스는 리전 단위로 실행됩니다."},
    {"canvas.needs_region_near", "Add a Region (Regions menu): clients send their requests from near a Region.",
     "리전을 추가하세요(리전 메뉴). 클라이언트는 가까운 리전에서 요청을 보냅니다."},
    {"wire.no_target", "Drop the wire on a service.", "연결선을 서비스 위에 놓으세요."},
    {"wire.exists", "These two services are already connected.", "두 서비스는 이미 연결되어 있습니다."},

    // ---- messages ----
    {"msg.undone", "Undone: %s", "실행 취소: %s"},
    {"msg.redone", "Redone: %s", "다시 실행: %s"},
    {"msg.copied", "Copied %d service(s)", "서비스 %d개를 복사했습니다"},
    {"msg.pasted", "Pasted %d service(s)", "서비스 %d개를 붙여 넣었습니다"},
    {"msg.wire_refused", "Not connected: %s", "연결하지 않았습니다: %s"},
    {"msg.paste_not_ours", "The clipboard holds no cloudplay services to paste.",
     "클립보드에 붙여 넣을 cloudplay 서비스가 없습니다."},

    // ---- undo step names ----
    {"undo.add", "Add service", "서비스 추가"},
    {"undo.connect", "Connect", "연결"},
    {"undo.role", "Change the wire's role", "연결 역할 변경"},
    {"undo.delete", "Delete", "삭제"},
    {"undo.paste", "Paste", "붙여넣기"},
    {"undo.move", "Move", "이동"},
    {"undo.move_frame", "Move frame", "프레임 이동"},
    {"undo.resize_frame", "Resize frame", "프레임 크기 조정"},
    {"undo.rename", "Rename", "이름 변경"},
    {"undo.rename_doc", "Rename diagram", "다이어그램 이름 변경"},
    {"undo.edit_param", "Change parameter", "파라미터 변경"},
    {"undo.edit_named", "Change %s", "%s 변경"},
    {"undo.add_region", "Add Region", "리전 추가"},
    {"undo.add_az", "Add Availability Zone", "가용 영역 추가"},
    {"undo.remove_region", "Remove Region", "리전 제거"},
    {"undo.remove_az", "Remove Availability Zone", "가용 영역 제거"},

    // ---- inspector ----
    {"insp.on", "On", "켜짐"},
    {"insp.live", "Now, in the run", "지금 실행 상태"},
    {"insp.live_served", "Served: %llu requests, p50 %.1f ms, p99 %.1f ms",
     "처리됨: 요청 %llu건, p50 %.1f밀리초, p99 %.1f밀리초"},
    {"insp.live_failed", "Refused or failed: %llu requests, answered in %.1f ms on average (not in the latency above)",
     "거부 또는 실패: 요청 %llu건, 평균 %.1f밀리초 만에 응답(위 지연 시간에는 포함되지 않음)"},
    {"insp.off", "Off", "꺼짐"},
    {"insp.range", "Range %s – %s", "범위 %s – %s"},
    {"insp.default", "default %s", "기본값 %s"},
    {"insp.reset", "Reset", "기본값으로"},
    {"insp.document", "Diagram", "다이어그램"},
    {"insp.doc_name", "Name", "이름"},
    {"insp.untitled", "Untitled diagram", "제목 없는 다이어그램"},
    {"insp.services", "Services", "서비스"},
    {"insp.connections", "Connections", "연결"},
    {"insp.regions", "Regions", "리전"},
    {"insp.empty_hint",
     "Drag a service from the palette into an Availability Zone. To connect two services, drag from the handle on "
     "the right of one onto the other. Press ? for every shortcut.",
     "팔레트에서 서비스를 끌어 가용 영역 안에 놓으세요. 두 서비스를 연결하려면 한 서비스의 오른쪽 핸들을 다른 "
     "서비스 위로 끌어다 놓으면 됩니다. ? 키를 누르면 모든 단축키를 볼 수 있습니다."},
    {"insp.unknown_type", "Unknown service type: %s", "알 수 없는 서비스 유형입니다: %s"},
    {"insp.name", "Name", "이름"},
    {"insp.name_too_long", "A name can be at most 80 characters long.", "이름은 80자까지 쓸 수 있습니다."},
    {"insp.placement", "Placement", "배치"},
    {"insp.nowhere", "Not in a Region", "리전 밖(배치 안 됨)"},
    {"insp.global", "Global (AWS edge locations)", "글로벌(AWS 엣지 로케이션)"},
    {"insp.place_hint_az", "Put it inside an Availability Zone frame so it knows where it runs.",
     "가용 영역 프레임 안에 놓아야 이 서비스가 실행될 위치가 정해집니다."},
    {"insp.parameters", "Parameters", "파라미터"},
    {"insp.no_params", "This service has no parameters to set.", "이 서비스에는 설정할 파라미터가 없습니다."},
    {"insp.simplifications", "What the model leaves out", "모델에서 단순화한 부분"},
    {"insp.connection", "Connection", "연결"},
    {"insp.role", "Role", "역할"},
    {"insp.no_wire_params", "This wire has no parameters to set in this role.", "이 역할의 연결선에는 설정할 파라미터가 없습니다."},
    {"insp.n_selected", "%d services and %d connections selected", "서비스 %d개, 연결 %d개 선택됨"},
    {"insp.multi_hint", "Select a single service to see its parameters.",
     "서비스를 하나만 선택하면 파라미터를 볼 수 있습니다."},
    {"insp.not_a_number", "Not applied: enter a number.", "적용하지 않았습니다. 숫자를 입력하세요."},
    {"insp.whole_number", "Not applied: enter a whole number.", "적용하지 않았습니다. 정수를 입력하세요."},
    {"insp.below_min", "Not applied: %s is below the minimum of %s.",
     "입력한 값(%s)이 최솟값 %s보다 작아서 적용하지 않았습니다."},
    {"insp.above_max", "Not applied: %s is above the maximum of %s.",
     "입력한 값(%s)이 최댓값 %s보다 커서 적용하지 않았습니다."},

    // ---- distributions (kinds and fields, as in docs/document-format.md) ----
    {"dist.constant", "constant", "고정값"},
    {"dist.exponential", "exponential", "지수 분포"},
    {"dist.uniform", "uniform", "균등 분포"},
    {"dist.normal", "normal", "정규 분포"},
    {"dist.lognormal", "log-normal", "로그 정규 분포"},
    {"dist.pareto", "Pareto", "파레토 분포"},
    {"dist.empirical", "empirical (percentiles)", "경험적 분포(백분위수)"},
    {"dist.value_ms", "value (ms)", "값(밀리초)"},
    {"dist.mean_ms", "mean (ms)", "평균(밀리초)"},
    {"dist.min_ms", "minimum (ms)", "최솟값(밀리초)"},
    {"dist.max_ms", "maximum (ms)", "최댓값(밀리초)"},
    {"dist.stddev_ms", "std. dev. (ms)", "표준 편차(밀리초)"},
    {"dist.median_ms", "median (ms)", "중앙값(밀리초)"},
    {"dist.p99_ms", "p99 (ms)", "p99(밀리초)"},
    {"dist.sigma", "sigma (σ)", "시그마(σ)"},
    {"dist.scale_ms", "scale (ms)", "척도(밀리초)"},
    {"dist.shape", "shape (α)", "형상(α)"},

    // ---- keyboard shortcuts overlay ----
    {"help.title", "Keyboard shortcuts", "단축키"},
    {"help.close", "Press ? or Esc to close.", "? 또는 Esc 키를 누르면 닫힙니다."},
    {"help.k.drag_palette", "Drag from the palette", "팔레트에서 끌어오기"},
    {"help.drag_palette", "Add a service (double-click adds it in the middle)",
     "서비스 추가(두 번 클릭하면 화면 가운데에 추가)"},
    {"help.k.wire", "Drag from a service's right handle", "서비스 오른쪽 핸들에서 끌기"},
    {"help.wire", "Connect it to another service", "다른 서비스와 연결"},
    {"help.k.click", "Click, Shift/Ctrl+click", "클릭, Shift/Ctrl+클릭"},
    {"help.select", "Select, add to the selection", "선택, 선택에 추가"},
    {"help.k.box", "Drag on empty space", "빈 곳에서 끌기"},
    {"help.box", "Select everything in a box", "사각형 안의 항목 선택"},
    {"help.k.move", "Drag a service", "서비스 끌기"},
    {"help.move", "Move it (snaps to the grid; hold Alt to place freely)", "이동(격자에 맞춤, Alt를 누르면 자유롭게)"},
    {"help.k.pan", "Space+drag, middle or right drag", "Space+끌기, 가운데/오른쪽 버튼 끌기"},
    {"help.pan", "Pan the canvas", "캔버스 이동"},
    {"help.k.wheel", "Mouse wheel, pinch", "마우스 휠, 핀치"},
    {"help.zoom", "Zoom at the cursor", "커서 위치에서 확대/축소"},
    {"help.fit", "Fit the diagram to the view", "다이어그램을 화면에 맞추기"},
    {"help.delete", "Delete the selection", "선택 항목 삭제"},
    {"help.duplicate", "Duplicate the selection", "선택 항목 복제"},
    {"help.copy_paste", "Copy, paste (also between tabs)", "복사, 붙여넣기(다른 탭과도 됩니다)"},
    {"help.cut", "Cut", "잘라내기"},
    {"help.select_all", "Select all", "모두 선택"},
    {"help.k.arrows", "Arrow keys", "방향키"},
    {"help.nudge", "Nudge the selection by one grid step", "선택 항목을 격자 한 칸씩 이동"},
    {"help.undo", "Undo", "실행 취소"},
    {"help.redo", "Redo", "다시 실행"},
    {"help.escape", "Cancel a drag, clear the selection", "끌기 취소, 선택 해제"},
    {"help.help", "Show or hide this list", "이 목록 열기/닫기"},

    // ---- reading the canvas and plots (issue 13): placement notes, run keys, faults ----
    {"msg.regional", "%s is regional: it spans the Availability Zones you enable, so it is drawn in the Region, "
                     "above the AZ frames.",
     "%s: 리전 단위 서비스입니다. 활성화한 가용 영역에 걸쳐 동작하므로 가용 영역 밖, 리전 안에 표시됩니다."},
    {"msg.clients_outside", "%s is on the internet, not in a Region: it is drawn outside the Region frames.",
     "%s: 인터넷에 있는 클라이언트로, 리전에 속하지 않습니다. 리전 밖에 표시됩니다."},
    {"msg.global_outside", "%s is a global service, in no Region: it is drawn outside the Region frames.",
     "%s: 글로벌 서비스로, 리전에 속하지 않습니다. 리전 밖에 표시됩니다."},
    {"run.m_legend", "Plotted (click services on the canvas to choose):", "그래프에 표시 중(캔버스에서 서비스를 클릭해 고르세요):"},
    {"help.section_edit", "Editing", "편집"},
    {"help.section_run", "Running", "실행"},
    {"help.section_faults", "Faults during a run (right-click)", "실행 중 장애 주입(마우스 오른쪽 클릭)"},
    {"help.k.play", "P, or the Play button", "P 또는 재생 버튼"},
    {"help.play", "Play or pause the run", "실행을 재생하거나 일시 정지"},
    {"help.k.step", "N, or the Step button", "N 또는 1초 진행 버튼"},
    {"help.step", "Advance the run by one simulated second, then pause", "실행을 시뮬레이션 시간으로 1초 진행한 뒤 일시 정지"},
    {"help.k.speed", "+ / −, or the Speed slider", "+ / − 또는 속도 슬라이더"},
    {"help.speed", "Run faster or slower", "실행 속도를 높이거나 낮추기"},
    {"help.k.timeline", "Drag the timeline", "타임라인 끌기"},
    {"help.timeline", "Go back or forward in the run (replayed from the start)", "실행 시점을 앞뒤로 옮기기(처음부터 다시 재생)"},
    {"help.k.select_node", "Click a service during a run", "실행 중 서비스 클릭"},
    {"help.select_node", "Plot its metrics, show its live state in Properties", "지표 그래프로 보기, 속성 패널에 현재 상태 표시"},
    {"help.present", "Presenter mode: the demo's steps with Space / \xE2\x86\x90 \xE2\x86\x92, S spotlight, Esc leaves",
     "발표자 모드: Space / \xE2\x86\x90 \xE2\x86\x92 키로 데모 단계 이동, S 스포트라이트, Esc 나가기"},
    {"help.k.f_node", "Right-click a service", "서비스에서 오른쪽 클릭"},
    {"help.f_node", "Kill the node (or revive it); fail its Availability Zone", "노드 장애 발생(또는 복구), 해당 가용 영역 장애"},
    {"help.k.f_az", "Right-click an AZ frame", "가용 영역 프레임에서 오른쪽 클릭"},
    {"help.f_az", "Availability Zone failure (or recovery)", "가용 영역 장애(또는 복구)"},
    {"help.k.f_region", "Right-click a Region frame", "리전 프레임에서 오른쪽 클릭"},
    {"help.f_region", "Region failure (or recovery)", "리전 장애(또는 복구)"},
    {"help.k.f_wire", "Right-click a connection", "연결선에서 오른쪽 클릭"},
    {"help.f_wire", "Add latency or an error rate to it", "지연 시간 또는 오류율 추가"},
    // ---- issue 13: the status line's frame time (View menu) ----
    {"menu.frame_time", "Frame time (for developers)", "프레임 시간(개발자용)"},
    // ---- phones (view mode) and diagram export (SVG, slide-size PNG) ----
    {"view.phone_note", "View only on a phone: open this link on a computer to edit.",
     "휴대폰에서는 보기만 할 수 있습니다. 편집하려면 컴퓨터에서 이 링크를 여세요."},
    {"view.phone_hint", "Drag to move, pinch to zoom.", "끌어서 이동하고, 두 손가락으로 확대/축소하세요."},
    {"export.svg", "Export SVG", "SVG로 내보내기"},
    {"export.png_tip", "Saves the whole diagram as a picture for slides (at least 1920 px wide).",
     "다이어그램 전체를 슬라이드용 이미지로 저장합니다(가로 1920px 이상)."},
    {"export.svg_tip", "Saves the whole diagram as a vector file: sharp at any size, editable in drawing tools.",
     "다이어그램 전체를 벡터 파일로 저장합니다. 크게 키워도 선명하고, 그리기 도구에서 편집할 수 있습니다."},
};

struct Table {
  std::unordered_map<std::string_view, const StringEntry*> map;
  Table() { add(kStrings, sizeof(kStrings) / sizeof(kStrings[0])); }
  void add(const StringEntry* e, size_t n) {
    for (size_t i = 0; i < n; ++i) map[e[i].key] = &e[i];
  }
};

Table& table() {
  static Table t;
  return t;
}

Lang g_lang = Lang::En;

}  // namespace

Lang language() { return g_lang; }
void set_language(Lang lang) { g_lang = lang; }

Lang language_from_tag(std::string_view tag) {
  if (tag.size() >= 2 && (tag[0] == 'k' || tag[0] == 'K') && (tag[1] == 'o' || tag[1] == 'O') &&
      (tag.size() == 2 || tag[2] == '-' || tag[2] == '_'))
    return Lang::Ko;
  return Lang::En;
}

const char* tr(std::string_view key) {
  auto& m = table().map;
  auto it = m.find(key);
  if (it == m.end()) {
    // Unknown key: show the key itself (kept alive in a small set), so it is visible, never a crash.
    static std::deque<std::string> unknown;  // deque: c_str() stays valid as it grows
    for (const auto& u : unknown)
      if (u == key) return u.c_str();
    unknown.emplace_back(key);
    return unknown.back().c_str();
  }
  const StringEntry* e = it->second;
  return g_lang == Lang::Ko && e->ko && *e->ko ? e->ko : e->en;
}

std::string trf(const char* key, ...) {
  const char* fmt = tr(key);
  va_list ap;
  va_start(ap, key);
  char buf[1024];
  std::vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  return buf;
}

void add_strings(const StringEntry* entries, size_t count) { table().add(entries, count); }

}  // namespace cp::ui
