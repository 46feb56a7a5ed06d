//! The one error vocabulary of Approval Desk: every error of every layer
//! maps to one of these codes, which the window and `deskctl` share. A code
//! is stable once shipped (scripts and the UI branch on it); each has a
//! short zh-CN and English title, shown where an error's own message is
//! missing or as its heading.

use std::fmt;

macro_rules! error_codes {
    ($($variant:ident = $code:literal, $zh:literal, $en:literal;)*) => {
        /// A stable error code (its `as_str` is what crosses IPC and what
        /// `deskctl` prints).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            $($variant,)*
        }

        impl ErrorCode {
            /// Every code, in the order of the table.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as written on the wire and in scripts.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }

            /// The code's title in zh-CN.
            pub fn title_zh(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $zh,)*
                }
            }

            /// The code's title in English.
            pub fn title_en(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $en,)*
                }
            }
        }
    };
}

error_codes! {
    // Input and files
    InvalidInput = "invalid_input", "输入有误", "Invalid input";
    NotFound = "not_found", "未找到", "Not found";
    AlreadyExists = "already_exists", "已经存在", "Already exists";
    FileTooLarge = "file_too_large", "文件过大", "File too large";
    FileUnreadable = "file_unreadable", "文件无法读取", "File cannot be read";
    FileUnwritable = "file_unwritable", "文件无法写入", "File cannot be written";
    NoProfile = "no_profile", "找不到用户数据目录", "No profile folder";
    Internal = "internal", "内部错误", "Internal error";
    InvalidIdentifier = "invalid_identifier", "编码或编号有误", "Invalid identifier";
    // The profile database
    StoreFailed = "store_failed", "本地数据库读写失败", "The local database failed";
    StoreBusy = "store_busy", "本地数据库正忙", "The local database is busy";
    StoreNewerSchema = "store_newer_schema", "本地数据库由更新版本写入", "The local database was written by a newer version";
    CaseChanged = "case_changed", "办件已被他人更改", "The case changed meanwhile";
    FilingChanged = "filing_changed", "备案已被他人更改", "The filing changed meanwhile";
    PublishedGuideImmutable = "published_guide_immutable", "已发布的办事指南不能修改", "A published guide cannot change";
    AuditBroken = "audit_broken", "审计日志校验失败", "The audit log is broken";
    // Calendar and clocks
    DateOutOfRange = "date_out_of_range", "日期超出工作日历范围", "Date outside the calendar";
    ProvisionalYear = "provisional_year", "涉及放假安排尚未发布的年份", "A year without a published arrangement";
    InvalidPeriod = "invalid_period", "期限无效", "Invalid period";
    PauseInvalid = "pause_invalid", "暂停区间无效", "Invalid pause";
    ImportInvalid = "import_invalid", "放假安排文件有误", "The arrangement file is invalid";
    CalendarUnreadable = "calendar_unreadable", "工作日历数据无法读取", "The calendar data cannot be read";
    // Roles and permissions
    AccessNoRole = "access_no_role", "没有相应角色", "No role for this";
    AccessOutOfScope = "access_out_of_scope", "超出授权部门范围", "Outside the granted department";
    AccessNoClearance = "access_no_clearance", "无涉密事项知悉授权", "No clearance for classified items";
    AccessOwnFiling = "access_own_filing", "不能审核自己的备案", "Cannot decide one's own filing";
    AccessOwnGrant = "access_own_grant", "不能给自己授权", "Cannot grant oneself";
    AccessRoleNotGrantable = "access_role_not_grantable", "无权授予该角色", "This role cannot be granted here";
    AccessWrongTarget = "access_wrong_target", "操作对象不符", "Wrong kind of target";
    // Guides and items
    GuideInvalid = "guide_invalid", "办事指南有误", "The guide is invalid";
    GuideDraftExists = "guide_draft_exists", "已有草稿", "A draft exists";
    GuideNoDraft = "guide_no_draft", "没有草稿", "No draft";
    GuideItemCancelled = "guide_item_cancelled", "事项已取消", "The item is cancelled";
    GuideItemChangeNeedsApproval = "guide_item_change_needs_approval", "事项变更须经备案批准", "An item change needs an approved filing";
    GuideEffectiveInPast = "guide_effective_in_past", "生效时间早于当前时间", "Takes effect in the past";
    GuideEffectiveBeforeLatest = "guide_effective_before_latest", "生效时间早于最新版本", "Takes effect before the latest version";
    ItemChangePending = "item_change_pending", "事项已有待批准的变更", "A change is already pending";
    ItemCancelled = "item_cancelled", "事项已取消", "The item is cancelled";
    ItemNoPendingChange = "item_no_pending_change", "事项没有待批准的变更", "No pending change";
    ItemChangesNothing = "item_changes_nothing", "变更没有改动任何内容", "The change changes nothing";
    ItemChangeNoReason = "item_change_no_reason", "变更须说明理由", "A change needs a reason";
    DepartmentWorkflowInvalid = "department_workflow_invalid", "部门办理规则有误", "The department workflow is invalid";
    DepartmentWorkflowMissing = "department_workflow_missing", "尚未设置部门办理规则", "No department workflow is set";
    // Bundles
    BundleInvalid = "bundle_invalid", "套餐定义有误", "The bundle is invalid";
    BundleDuplicateMember = "bundle_duplicate_member", "套餐事项重复", "A bundle member appears twice";
    BundleMissingCase = "bundle_missing_case", "套餐缺少办件", "A bundle member has no case";
    BundleCaseForNonMember = "bundle_case_for_non_member", "办件不属于套餐事项", "A case for an item outside the bundle";
    BundleEmptyCaseNumber = "bundle_empty_case_number", "办件编号为空", "An empty case number";
    BundleSharedCaseNumber = "bundle_shared_case_number", "办件编号重复", "A case number used twice";
    BundleUnknownPrerequisiteItem = "bundle_unknown_prerequisite_item", "前置事项不在套餐中", "A prerequisite outside the bundle";
    BundleCycle = "bundle_cycle", "前后置关系成环", "The prerequisites form a cycle";
    BundleNotAnEdge = "bundle_not_an_edge", "不是套餐的前后置关系", "Not a prerequisite edge of the bundle";
    BundleNotAMember = "bundle_not_a_member", "事项不属于本套餐", "The item is not in the bundle";
    PrerequisiteRejected = "prerequisite_rejected", "前置事项未获批准", "A prerequisite was rejected";
    PrerequisitePending = "prerequisite_pending", "前置事项尚未批准", "A prerequisite is pending";
    NotDecided = "not_decided", "尚未作出决定", "Not decided yet";
    SerialPrerequisitePending = "serial_prerequisite_pending", "串联前置事项尚未办结", "A serial prerequisite is pending";
    // Cases
    CaseUnknownItem = "case_unknown_item", "事项不存在", "Unknown item";
    CaseItemCancelled = "case_item_cancelled", "事项已取消", "The item is cancelled";
    CaseItemDelegated = "case_item_delegated", "事项已下放至其他层级办理", "The item is delegated elsewhere";
    ItemClassifiedNotPublic = "item_classified_not_public", "涉密事项不予公开", "A classified item is not published";
    CaseItemWithApprovalBureau = "case_item_with_approval_bureau", "即办事项由行政审批服务局办理", "The instant item is handled by the approval bureau";
    CaseNoGuideInForce = "case_no_guide_in_force", "收件时没有生效的办事指南", "No guide in force at receipt";
    CaseWrongGuideVersion = "case_wrong_guide_version", "办事指南版本不符", "Wrong guide version";
    CaseEmptyField = "case_empty_field", "必填项为空", "A required field is empty";
    CaseNotAllowedInState = "case_not_allowed_in_state", "当前状态不允许此操作", "Not allowed in this state";
    CaseMaterialOutsideGuide = "case_material_outside_guide", "材料不在办事指南之内", "A material outside the guide";
    CaseSecondCorrectionNotice = "case_second_correction_notice", "不得二次告知补正", "A second correction notice";
    CaseSecondNoticeAfterAcceptanceDeadline = "case_second_notice_after_acceptance_deadline", "再次告知超过受理期限", "A second notice after the acceptance deadline";
    CaseCorrectionsReceivedOutOfRange = "case_corrections_received_out_of_range", "补正材料接收时间有误", "The corrections' receipt time is out of range";
    CaseOmittedFromFirstNotice = "case_omitted_from_first_notice", "首次一次性告知遗漏的材料", "A material the first notice omitted";
    CaseUnknownStep = "case_unknown_step", "流程环节不存在", "Unknown step";
    CaseStepNotReady = "case_step_not_ready", "前序环节尚未完成", "The step is not ready";
    CaseStepAlreadyDone = "case_step_already_done", "环节已完成", "The step is done already";
    CaseWrongStepKind = "case_wrong_step_kind", "环节类型不符", "Wrong kind of step";
    CaseReturnToOpenStep = "case_return_to_open_step", "不能退回到未完成的环节", "Cannot return to an open step";
    CaseUndeclaredStage = "case_undeclared_stage", "特殊环节未在办事指南中载明", "A special stage the guide does not declare";
    CaseStageFilingNotInEffect = "case_stage_filing_not_in_effect", "特殊环节备案未生效", "The special-stage filing is not in effect";
    CasePaperNotAllowed = "case_paper_not_allowed", "不得要求提交纸质材料", "Paper may not be asked for";
    CasePublicNoticeRequired = "case_public_notice_required", "须先公示", "Public notice comes first";
    CasePublicNoticeRunning = "case_public_notice_running", "公示期未满", "The public notice is still running";
    CaseNoticeEndsBeforeStart = "case_notice_ends_before_start", "公示结束早于开始", "The notice ends before it starts";
    CaseNoticeLongerThanDeclared = "case_notice_longer_than_declared", "公示期限超过办事指南载明的期限", "The notice is longer than the guide declares";
    CasePaperNotDelivered = "case_paper_not_delivered", "纸质结果尚未送达窗口", "The paper result has not reached the window unit";
    CasePushBeforeDecision = "case_push_before_decision", "尚未决定不能推送结果", "No push before the decision";
    CaseBundleContextMissing = "case_bundle_context_missing", "缺少套餐办理信息", "The bundle context is missing";
    CaseWrongBundle = "case_wrong_bundle", "套餐不符", "Wrong bundle";
    CasePermitForAnotherCase = "case_permit_for_another_case", "放行许可属于其他办件", "The release permit is another case's";
    CaseNotPermitted = "case_not_permitted", "无权办理此环节", "Not permitted to act here";
    CaseNotAssigned = "case_not_assigned", "办件尚未分配承办人", "The case is not assigned";
    CaseAlreadyAssigned = "case_already_assigned", "办件已分配承办人", "The case is assigned already";
    CaseAlreadySigned = "case_already_signed", "已经签署", "Signed already";
    CaseUrgedTooOften = "case_urged_too_often", "催办过于频繁", "Urged too often";
    // Filings
    FilingNoActor = "filing_no_actor", "缺少操作人", "No actor";
    FilingNotFiler = "filing_not_filer", "只有申报人可以操作", "Only the filer may do this";
    FilingOwnFiling = "filing_own_filing", "不能审核自己的备案", "Cannot decide one's own filing";
    FilingCommentRequired = "filing_comment_required", "须填写审核意见", "A comment is required";
    FilingReasonRequired = "filing_reason_required", "须说明理由", "A reason is required";
    FilingDecided = "filing_decided", "备案已审核", "The filing is decided";
    FilingAlreadySubmitted = "filing_already_submitted", "备案已提交", "The filing is submitted already";
    FilingNotSubmitted = "filing_not_submitted", "备案尚未提交", "The filing is not submitted";
    FilingNotApproved = "filing_not_approved", "备案未获批准", "The filing is not approved";
    FilingOutOfOrder = "filing_out_of_order", "操作时间早于上一步", "Out of order";
    FilingEmptyField = "filing_empty_field", "必填项为空", "A required field is empty";
    FilingSerialExplanationMissing = "filing_serial_explanation_missing", "串联审批须说明理由", "A serial approval needs an explanation";
    FilingSerialSelfEdge = "filing_serial_self_edge", "前置事项与后置事项相同", "An edge from an item to itself";
    FilingDelayNotInAdvance = "filing_delay_not_in_advance", "延期备案须事先申报", "A delay must be filed in advance";
    FilingDelayDateNotLater = "filing_delay_date_not_later", "延期日期不晚于原期限", "The delayed date is not later";
    FilingBadAttachment = "filing_bad_attachment", "附件有误", "A bad attachment";
    FilingReplacesItself = "filing_replaces_itself", "备案不能替代自身", "A filing cannot replace itself";
    FilingReplacesOtherKind = "filing_replaces_other_kind", "只能替代同类备案", "Replaces a filing of another kind";
    FilingUnknown = "filing_unknown", "备案不存在", "Unknown filing";
    FilingDuplicate = "filing_duplicate", "备案编号重复", "A duplicate filing";
    FilingWrongSubject = "filing_wrong_subject", "备案对象不符", "Wrong subject";
    FilingWrongItem = "filing_wrong_item", "备案事项不符", "Wrong item";
    FilingChangeMismatch = "filing_change_mismatch", "变更内容与备案不符", "The change does not match the filing";
    FilingNotRefused = "filing_not_refused", "备案未被拒绝", "The filing was not refused";
    FilingItemError = "filing_item_error", "事项变更有误", "The item change failed";
    // Documents and e-seals
    DocumentFailed = "document_failed", "文书无法生成", "The document cannot be rendered";
    FontMissing = "font_missing", "找不到中文字体", "No Chinese font";
    SealFailed = "seal_failed", "电子签章失败", "The e-seal failed";
    TimestampFailed = "timestamp_failed", "未能取得签名时间戳", "No signature timestamp could be had";
    KeyringFailed = "keyring_failed", "系统密钥环不可用", "The OS keyring failed";
    PdfUnreadable = "pdf_unreadable", "无法作为PDF读取", "Not a readable PDF";
    PdfOverBudget = "pdf_over_budget", "PDF超出核验限度", "The PDF exceeds what a check may take";
    SealCheckCancelled = "seal_check_cancelled", "验章已取消", "The seal check was cancelled";
    SealCheckTimedOut = "seal_check_timed_out", "验章超时", "The seal check took too long";
    SealsNotValid = "seals_not_valid", "签章无效", "The e-seals are not valid";
    TrustFolderUnreadable = "trust_folder_unreadable", "受信任根证书目录无法读取", "The trust folder cannot be read";
    TrustRootUnreadable = "trust_root_unreadable", "受信任根证书无效", "A trusted root is not a certificate";
    CrlUnreadable = "crl_unreadable", "证书吊销列表无效", "A certificate revocation list cannot be read";
    // The exchange with the hub (desk side)
    HubNotBound = "hub_not_bound", "尚未绑定交换平台", "The profile is not bound to a hub";
    HubIdentityBound = "hub_identity_bound", "已绑定交换平台的用户数据不能指定操作人", "A profile bound to a hub acts as the signed-in person";
    HubUnavailable = "hub_unavailable", "交换平台暂时无法连接", "The hub is unavailable";
    HubUnauthorized = "hub_unauthorized", "交换平台登录已失效", "Not signed in to the hub";
    HubRefused = "hub_refused", "交换平台拒绝了请求", "The hub refused the request";
    MaterialHashMismatch = "material_hash_mismatch", "材料文件与其校验值不符", "A material file does not match its SHA-256";
    WaitingForSeal = "waiting_for_seal", "结果文书尚未电子签章", "The result document is not sealed yet";
    WaitingForTrackingNumber = "waiting_for_tracking_number", "纸质结果尚未登记政务专递单号", "The paper result's tracking number is not recorded yet";
    AuditCheckpointMismatch = "audit_checkpoint_mismatch", "审计日志与交换平台存证不符", "The audit log does not match the hub's checkpoints";
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and callers compare a code with its wire form directly.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_titled_in_both_languages() {
        let mut seen = BTreeSet::new();
        for code in ErrorCode::ALL {
            let word = code.as_str();
            assert!(seen.insert(word), "{word} twice");
            assert!(
                word.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{word} is not snake_case"
            );
            assert!(!code.title_zh().trim().is_empty(), "{word}: no zh-CN title");
            assert!(
                !code.title_en().trim().is_empty(),
                "{word}: no English title"
            );
            assert!(
                code.title_zh()
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{word}: the zh-CN title has no Chinese"
            );
        }
    }
}
