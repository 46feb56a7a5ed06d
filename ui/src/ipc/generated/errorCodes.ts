// Generated from the Rust types by approval-api (crates/api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p approval-api --test ipc_bindings`.

/** Every stable error code a command can reject with. */
export type ErrorCode =
  | "invalid_input"
  | "not_found"
  | "already_exists"
  | "file_too_large"
  | "file_unreadable"
  | "file_unwritable"
  | "no_profile"
  | "internal"
  | "invalid_identifier"
  | "store_failed"
  | "store_busy"
  | "store_newer_schema"
  | "case_changed"
  | "filing_changed"
  | "published_guide_immutable"
  | "audit_broken"
  | "date_out_of_range"
  | "provisional_year"
  | "invalid_period"
  | "pause_invalid"
  | "import_invalid"
  | "calendar_unreadable"
  | "access_no_role"
  | "access_out_of_scope"
  | "access_no_clearance"
  | "access_own_filing"
  | "access_own_grant"
  | "access_role_not_grantable"
  | "access_wrong_target"
  | "guide_invalid"
  | "guide_draft_exists"
  | "guide_no_draft"
  | "guide_item_cancelled"
  | "guide_item_change_needs_approval"
  | "guide_effective_in_past"
  | "guide_effective_before_latest"
  | "item_change_pending"
  | "item_cancelled"
  | "item_no_pending_change"
  | "item_changes_nothing"
  | "item_change_no_reason"
  | "department_workflow_invalid"
  | "department_workflow_missing"
  | "bundle_invalid"
  | "bundle_duplicate_member"
  | "bundle_missing_case"
  | "bundle_case_for_non_member"
  | "bundle_empty_case_number"
  | "bundle_shared_case_number"
  | "bundle_unknown_prerequisite_item"
  | "bundle_cycle"
  | "bundle_not_an_edge"
  | "bundle_not_a_member"
  | "prerequisite_rejected"
  | "prerequisite_pending"
  | "not_decided"
  | "serial_prerequisite_pending"
  | "case_unknown_item"
  | "case_item_cancelled"
  | "case_item_delegated"
  | "item_classified_not_public"
  | "case_item_with_approval_bureau"
  | "case_no_guide_in_force"
  | "case_wrong_guide_version"
  | "case_empty_field"
  | "case_not_allowed_in_state"
  | "case_material_outside_guide"
  | "case_second_correction_notice"
  | "case_second_notice_after_acceptance_deadline"
  | "case_corrections_received_out_of_range"
  | "case_omitted_from_first_notice"
  | "case_unknown_step"
  | "case_step_not_ready"
  | "case_step_already_done"
  | "case_wrong_step_kind"
  | "case_return_to_open_step"
  | "case_undeclared_stage"
  | "case_stage_filing_not_in_effect"
  | "case_paper_not_allowed"
  | "case_public_notice_required"
  | "case_public_notice_running"
  | "case_notice_ends_before_start"
  | "case_notice_longer_than_declared"
  | "case_paper_not_delivered"
  | "case_push_before_decision"
  | "case_bundle_context_missing"
  | "case_wrong_bundle"
  | "case_permit_for_another_case"
  | "case_not_permitted"
  | "case_not_assigned"
  | "case_already_assigned"
  | "case_already_signed"
  | "case_urged_too_often"
  | "filing_no_actor"
  | "filing_not_filer"
  | "filing_own_filing"
  | "filing_comment_required"
  | "filing_reason_required"
  | "filing_decided"
  | "filing_already_submitted"
  | "filing_not_submitted"
  | "filing_not_approved"
  | "filing_out_of_order"
  | "filing_empty_field"
  | "filing_serial_explanation_missing"
  | "filing_serial_self_edge"
  | "filing_delay_not_in_advance"
  | "filing_delay_date_not_later"
  | "filing_bad_attachment"
  | "filing_replaces_itself"
  | "filing_replaces_other_kind"
  | "filing_unknown"
  | "filing_duplicate"
  | "filing_wrong_subject"
  | "filing_wrong_item"
  | "filing_change_mismatch"
  | "filing_not_refused"
  | "filing_item_error"
  | "document_failed"
  | "font_missing"
  | "seal_failed"
  | "timestamp_failed"
  | "keyring_failed"
  | "pdf_unreadable"
  | "pdf_over_budget"
  | "seal_check_cancelled"
  | "seal_check_timed_out"
  | "seals_not_valid"
  | "trust_folder_unreadable"
  | "trust_root_unreadable"
  | "crl_unreadable"
  | "hub_not_bound"
  | "hub_identity_bound"
  | "hub_unavailable"
  | "hub_unauthorized"
  | "hub_refused"
  | "material_hash_mismatch"
  | "waiting_for_seal"
  | "waiting_for_tracking_number"
  | "audit_checkpoint_mismatch";

/** Each code's title in both languages. */
export const ERROR_CODE_TITLES: Record<ErrorCode, { zh: string; en: string }> = {
  invalid_input: { zh: "输入有误", en: "Invalid input" },
  not_found: { zh: "未找到", en: "Not found" },
  already_exists: { zh: "已经存在", en: "Already exists" },
  file_too_large: { zh: "文件过大", en: "File too large" },
  file_unreadable: { zh: "文件无法读取", en: "File cannot be read" },
  file_unwritable: { zh: "文件无法写入", en: "File cannot be written" },
  no_profile: { zh: "找不到用户数据目录", en: "No profile folder" },
  internal: { zh: "内部错误", en: "Internal error" },
  invalid_identifier: { zh: "编码或编号有误", en: "Invalid identifier" },
  store_failed: { zh: "本地数据库读写失败", en: "The local database failed" },
  store_busy: { zh: "本地数据库正忙", en: "The local database is busy" },
  store_newer_schema: { zh: "本地数据库由更新版本写入", en: "The local database was written by a newer version" },
  case_changed: { zh: "办件已被他人更改", en: "The case changed meanwhile" },
  filing_changed: { zh: "备案已被他人更改", en: "The filing changed meanwhile" },
  published_guide_immutable: { zh: "已发布的办事指南不能修改", en: "A published guide cannot change" },
  audit_broken: { zh: "审计日志校验失败", en: "The audit log is broken" },
  date_out_of_range: { zh: "日期超出工作日历范围", en: "Date outside the calendar" },
  provisional_year: { zh: "涉及放假安排尚未发布的年份", en: "A year without a published arrangement" },
  invalid_period: { zh: "期限无效", en: "Invalid period" },
  pause_invalid: { zh: "暂停区间无效", en: "Invalid pause" },
  import_invalid: { zh: "放假安排文件有误", en: "The arrangement file is invalid" },
  calendar_unreadable: { zh: "工作日历数据无法读取", en: "The calendar data cannot be read" },
  access_no_role: { zh: "没有相应角色", en: "No role for this" },
  access_out_of_scope: { zh: "超出授权部门范围", en: "Outside the granted department" },
  access_no_clearance: { zh: "无涉密事项知悉授权", en: "No clearance for classified items" },
  access_own_filing: { zh: "不能审核自己的备案", en: "Cannot decide one's own filing" },
  access_own_grant: { zh: "不能给自己授权", en: "Cannot grant oneself" },
  access_role_not_grantable: { zh: "无权授予该角色", en: "This role cannot be granted here" },
  access_wrong_target: { zh: "操作对象不符", en: "Wrong kind of target" },
  guide_invalid: { zh: "办事指南有误", en: "The guide is invalid" },
  guide_draft_exists: { zh: "已有草稿", en: "A draft exists" },
  guide_no_draft: { zh: "没有草稿", en: "No draft" },
  guide_item_cancelled: { zh: "事项已取消", en: "The item is cancelled" },
  guide_item_change_needs_approval: { zh: "事项变更须经备案批准", en: "An item change needs an approved filing" },
  guide_effective_in_past: { zh: "生效时间早于当前时间", en: "Takes effect in the past" },
  guide_effective_before_latest: { zh: "生效时间早于最新版本", en: "Takes effect before the latest version" },
  item_change_pending: { zh: "事项已有待批准的变更", en: "A change is already pending" },
  item_cancelled: { zh: "事项已取消", en: "The item is cancelled" },
  item_no_pending_change: { zh: "事项没有待批准的变更", en: "No pending change" },
  item_changes_nothing: { zh: "变更没有改动任何内容", en: "The change changes nothing" },
  item_change_no_reason: { zh: "变更须说明理由", en: "A change needs a reason" },
  department_workflow_invalid: { zh: "部门办理规则有误", en: "The department workflow is invalid" },
  department_workflow_missing: { zh: "尚未设置部门办理规则", en: "No department workflow is set" },
  bundle_invalid: { zh: "套餐定义有误", en: "The bundle is invalid" },
  bundle_duplicate_member: { zh: "套餐事项重复", en: "A bundle member appears twice" },
  bundle_missing_case: { zh: "套餐缺少办件", en: "A bundle member has no case" },
  bundle_case_for_non_member: { zh: "办件不属于套餐事项", en: "A case for an item outside the bundle" },
  bundle_empty_case_number: { zh: "办件编号为空", en: "An empty case number" },
  bundle_shared_case_number: { zh: "办件编号重复", en: "A case number used twice" },
  bundle_unknown_prerequisite_item: { zh: "前置事项不在套餐中", en: "A prerequisite outside the bundle" },
  bundle_cycle: { zh: "前后置关系成环", en: "The prerequisites form a cycle" },
  bundle_not_an_edge: { zh: "不是套餐的前后置关系", en: "Not a prerequisite edge of the bundle" },
  bundle_not_a_member: { zh: "事项不属于本套餐", en: "The item is not in the bundle" },
  prerequisite_rejected: { zh: "前置事项未获批准", en: "A prerequisite was rejected" },
  prerequisite_pending: { zh: "前置事项尚未批准", en: "A prerequisite is pending" },
  not_decided: { zh: "尚未作出决定", en: "Not decided yet" },
  serial_prerequisite_pending: { zh: "串联前置事项尚未办结", en: "A serial prerequisite is pending" },
  case_unknown_item: { zh: "事项不存在", en: "Unknown item" },
  case_item_cancelled: { zh: "事项已取消", en: "The item is cancelled" },
  case_item_delegated: { zh: "事项已下放至其他层级办理", en: "The item is delegated elsewhere" },
  item_classified_not_public: { zh: "涉密事项不予公开", en: "A classified item is not published" },
  case_item_with_approval_bureau: { zh: "即办事项由行政审批服务局办理", en: "The instant item is handled by the approval bureau" },
  case_no_guide_in_force: { zh: "收件时没有生效的办事指南", en: "No guide in force at receipt" },
  case_wrong_guide_version: { zh: "办事指南版本不符", en: "Wrong guide version" },
  case_empty_field: { zh: "必填项为空", en: "A required field is empty" },
  case_not_allowed_in_state: { zh: "当前状态不允许此操作", en: "Not allowed in this state" },
  case_material_outside_guide: { zh: "材料不在办事指南之内", en: "A material outside the guide" },
  case_second_correction_notice: { zh: "不得二次告知补正", en: "A second correction notice" },
  case_second_notice_after_acceptance_deadline: { zh: "再次告知超过受理期限", en: "A second notice after the acceptance deadline" },
  case_corrections_received_out_of_range: { zh: "补正材料接收时间有误", en: "The corrections' receipt time is out of range" },
  case_omitted_from_first_notice: { zh: "首次一次性告知遗漏的材料", en: "A material the first notice omitted" },
  case_unknown_step: { zh: "流程环节不存在", en: "Unknown step" },
  case_step_not_ready: { zh: "前序环节尚未完成", en: "The step is not ready" },
  case_step_already_done: { zh: "环节已完成", en: "The step is done already" },
  case_wrong_step_kind: { zh: "环节类型不符", en: "Wrong kind of step" },
  case_return_to_open_step: { zh: "不能退回到未完成的环节", en: "Cannot return to an open step" },
  case_undeclared_stage: { zh: "特殊环节未在办事指南中载明", en: "A special stage the guide does not declare" },
  case_stage_filing_not_in_effect: { zh: "特殊环节备案未生效", en: "The special-stage filing is not in effect" },
  case_paper_not_allowed: { zh: "不得要求提交纸质材料", en: "Paper may not be asked for" },
  case_public_notice_required: { zh: "须先公示", en: "Public notice comes first" },
  case_public_notice_running: { zh: "公示期未满", en: "The public notice is still running" },
  case_notice_ends_before_start: { zh: "公示结束早于开始", en: "The notice ends before it starts" },
  case_notice_longer_than_declared: { zh: "公示期限超过办事指南载明的期限", en: "The notice is longer than the guide declares" },
  case_paper_not_delivered: { zh: "纸质结果尚未送达窗口", en: "The paper result has not reached the window unit" },
  case_push_before_decision: { zh: "尚未决定不能推送结果", en: "No push before the decision" },
  case_bundle_context_missing: { zh: "缺少套餐办理信息", en: "The bundle context is missing" },
  case_wrong_bundle: { zh: "套餐不符", en: "Wrong bundle" },
  case_permit_for_another_case: { zh: "放行许可属于其他办件", en: "The release permit is another case's" },
  case_not_permitted: { zh: "无权办理此环节", en: "Not permitted to act here" },
  case_not_assigned: { zh: "办件尚未分配承办人", en: "The case is not assigned" },
  case_already_assigned: { zh: "办件已分配承办人", en: "The case is assigned already" },
  case_already_signed: { zh: "已经签署", en: "Signed already" },
  case_urged_too_often: { zh: "催办过于频繁", en: "Urged too often" },
  filing_no_actor: { zh: "缺少操作人", en: "No actor" },
  filing_not_filer: { zh: "只有申报人可以操作", en: "Only the filer may do this" },
  filing_own_filing: { zh: "不能审核自己的备案", en: "Cannot decide one's own filing" },
  filing_comment_required: { zh: "须填写审核意见", en: "A comment is required" },
  filing_reason_required: { zh: "须说明理由", en: "A reason is required" },
  filing_decided: { zh: "备案已审核", en: "The filing is decided" },
  filing_already_submitted: { zh: "备案已提交", en: "The filing is submitted already" },
  filing_not_submitted: { zh: "备案尚未提交", en: "The filing is not submitted" },
  filing_not_approved: { zh: "备案未获批准", en: "The filing is not approved" },
  filing_out_of_order: { zh: "操作时间早于上一步", en: "Out of order" },
  filing_empty_field: { zh: "必填项为空", en: "A required field is empty" },
  filing_serial_explanation_missing: { zh: "串联审批须说明理由", en: "A serial approval needs an explanation" },
  filing_serial_self_edge: { zh: "前置事项与后置事项相同", en: "An edge from an item to itself" },
  filing_delay_not_in_advance: { zh: "延期备案须事先申报", en: "A delay must be filed in advance" },
  filing_delay_date_not_later: { zh: "延期日期不晚于原期限", en: "The delayed date is not later" },
  filing_bad_attachment: { zh: "附件有误", en: "A bad attachment" },
  filing_replaces_itself: { zh: "备案不能替代自身", en: "A filing cannot replace itself" },
  filing_replaces_other_kind: { zh: "只能替代同类备案", en: "Replaces a filing of another kind" },
  filing_unknown: { zh: "备案不存在", en: "Unknown filing" },
  filing_duplicate: { zh: "备案编号重复", en: "A duplicate filing" },
  filing_wrong_subject: { zh: "备案对象不符", en: "Wrong subject" },
  filing_wrong_item: { zh: "备案事项不符", en: "Wrong item" },
  filing_change_mismatch: { zh: "变更内容与备案不符", en: "The change does not match the filing" },
  filing_not_refused: { zh: "备案未被拒绝", en: "The filing was not refused" },
  filing_item_error: { zh: "事项变更有误", en: "The item change failed" },
  document_failed: { zh: "文书无法生成", en: "The document cannot be rendered" },
  font_missing: { zh: "找不到中文字体", en: "No Chinese font" },
  seal_failed: { zh: "电子签章失败", en: "The e-seal failed" },
  timestamp_failed: { zh: "未能取得签名时间戳", en: "No signature timestamp could be had" },
  keyring_failed: { zh: "系统密钥环不可用", en: "The OS keyring failed" },
  pdf_unreadable: { zh: "无法作为PDF读取", en: "Not a readable PDF" },
  pdf_over_budget: { zh: "PDF超出核验限度", en: "The PDF exceeds what a check may take" },
  seal_check_cancelled: { zh: "验章已取消", en: "The seal check was cancelled" },
  seal_check_timed_out: { zh: "验章超时", en: "The seal check took too long" },
  seals_not_valid: { zh: "签章无效", en: "The e-seals are not valid" },
  trust_folder_unreadable: { zh: "受信任根证书目录无法读取", en: "The trust folder cannot be read" },
  trust_root_unreadable: { zh: "受信任根证书无效", en: "A trusted root is not a certificate" },
  crl_unreadable: { zh: "证书吊销列表无效", en: "A certificate revocation list cannot be read" },
  hub_not_bound: { zh: "尚未绑定交换平台", en: "The profile is not bound to a hub" },
  hub_identity_bound: { zh: "已绑定交换平台的用户数据不能指定操作人", en: "A profile bound to a hub acts as the signed-in person" },
  hub_unavailable: { zh: "交换平台暂时无法连接", en: "The hub is unavailable" },
  hub_unauthorized: { zh: "交换平台登录已失效", en: "Not signed in to the hub" },
  hub_refused: { zh: "交换平台拒绝了请求", en: "The hub refused the request" },
  material_hash_mismatch: { zh: "材料文件与其校验值不符", en: "A material file does not match its SHA-256" },
  waiting_for_seal: { zh: "结果文书尚未电子签章", en: "The result document is not sealed yet" },
  waiting_for_tracking_number: { zh: "纸质结果尚未登记政务专递单号", en: "The paper result's tracking number is not recorded yet" },
  audit_checkpoint_mismatch: { zh: "审计日志与交换平台存证不符", en: "The audit log does not match the hub's checkpoints" },
};
