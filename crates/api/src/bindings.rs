//! The IPC contract in TypeScript, generated from the Rust types that cross
//! it (ts-rs), and the error vocabulary with both languages' titles. The
//! UI imports only these; `tests/ipc_bindings.rs` fails when the checked-in
//! files under `ui/src/ipc/generated/` differ from what is generated here.

use approval_core::error_code::ErrorCode;
use approval_core::exchange::GuideFile;
use approval_core::guide::{
    ApprovalBureau, BureauMode, Contact, Edge, Fee, Finding, FindingCode, Flowchart, GuideContent,
    InstantItem, ItemDefinition, ItemLevel, ItemType, LegalBasis, LimitUnit, Material,
    MaterialForm, Requirement, ResultKind, SampleFile, ServiceWindow, Severity, SpecialStage,
    StageDuration, StageKind, Step, StepKind, TimeLimit,
};
use ts_rs::{Config, TS};

use crate::error::{ApiError, ErrorDetail};
use crate::views::batch_seal::{
    AwaitingSealView, BatchSealCase, BatchSealOutcome, BatchSealProgress, BatchSealRequest,
    BatchSealView,
};
use crate::views::bundle::{BundleEdgeView, BundleNodeView, BundleView, BundleWaitView};
use crate::views::case::{
    ApplicantView, BundleRefView, CaseActionKind, CaseActionRequest, CaseItemView, CaseView,
    ClockView, CorrectableMaterialView, CorrectionLineView, CorrectionView, FlowEdgeView,
    FlowNodeView, FlowchartView, HistoryEntryView, MaterialView, OfferedActionView,
    OfferedKindView, PauseView, PointView, PublicNoticeView, ResultDocumentView, ResultParticulars,
    ResultView, ReviewView, SealKeyRequest, SealResultRequest, SignOffView, StepStandingView,
};
use crate::views::delegation::{DelegateRequest, DelegationView, MyDelegationsView};
use crate::views::guide_editor::{
    GuideChangeRowView, GuideCheckView, GuideDiffView, GuideDraftSavedView, GuideEditorItemView,
    GuideEditorView, GuideEntryChangeView, GuideLayoutNodeView, GuideLayoutView,
    GuidePublishedView,
};
use crate::views::inbox::{
    InboxChoiceView, InboxCursorView, InboxFiltersView, InboxPageView, InboxQuery, InboxRowView,
};
use crate::views::seal::{SealCheckView, SealVerdict, SignatureView};
use crate::views::session::{
    DemoSealView, HubConnectRequest, SessionModeView, SessionView, SyncErrorView, SyncProgressView,
    SyncStatusView,
};
use crate::views::{
    CalendarStatusView, DayRoleView, DayView, DeadlineRequest, DeadlineView, ExplainedDayView,
    ExplanationView, ImportSummaryView, MonthView, NoticeView, PauseRequest, UnitRequest,
};

const HEADER: &str = "// Generated from the Rust types by approval-api (crates/api/src/bindings.rs).\n// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p approval-api --test ipc_bindings`.\n";

fn declaration<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

/// `types.ts`: every view, request and error type crossing IPC.
pub fn types_ts() -> String {
    let cfg = Config::new();
    let declarations = [
        declaration::<ApiError>(&cfg),
        declaration::<ErrorDetail>(&cfg),
        declaration::<DayView>(&cfg),
        declaration::<MonthView>(&cfg),
        declaration::<NoticeView>(&cfg),
        declaration::<CalendarStatusView>(&cfg),
        declaration::<ImportSummaryView>(&cfg),
        declaration::<PauseRequest>(&cfg),
        declaration::<UnitRequest>(&cfg),
        declaration::<DeadlineRequest>(&cfg),
        declaration::<DayRoleView>(&cfg),
        declaration::<ExplainedDayView>(&cfg),
        declaration::<ExplanationView>(&cfg),
        declaration::<DeadlineView>(&cfg),
        declaration::<SealVerdict>(&cfg),
        declaration::<SignatureView>(&cfg),
        declaration::<SealCheckView>(&cfg),
        declaration::<CaseItemView>(&cfg),
        declaration::<ApplicantView>(&cfg),
        declaration::<MaterialView>(&cfg),
        declaration::<PointView>(&cfg),
        declaration::<FlowNodeView>(&cfg),
        declaration::<FlowEdgeView>(&cfg),
        declaration::<FlowchartView>(&cfg),
        declaration::<PauseView>(&cfg),
        declaration::<ClockView>(&cfg),
        declaration::<StepStandingView>(&cfg),
        declaration::<CorrectionLineView>(&cfg),
        declaration::<CorrectionView>(&cfg),
        declaration::<HistoryEntryView>(&cfg),
        declaration::<CorrectableMaterialView>(&cfg),
        declaration::<SignOffView>(&cfg),
        declaration::<OfferedKindView>(&cfg),
        declaration::<OfferedActionView>(&cfg),
        declaration::<BundleRefView>(&cfg),
        declaration::<PublicNoticeView>(&cfg),
        declaration::<ResultDocumentView>(&cfg),
        declaration::<ResultView>(&cfg),
        declaration::<ReviewView>(&cfg),
        declaration::<CaseView>(&cfg),
        declaration::<DelegateRequest>(&cfg),
        declaration::<DelegationView>(&cfg),
        declaration::<MyDelegationsView>(&cfg),
        declaration::<CaseActionKind>(&cfg),
        declaration::<CaseActionRequest>(&cfg),
        declaration::<ResultParticulars>(&cfg),
        declaration::<SealKeyRequest>(&cfg),
        declaration::<SealResultRequest>(&cfg),
        declaration::<AwaitingSealView>(&cfg),
        declaration::<BatchSealCase>(&cfg),
        declaration::<BatchSealRequest>(&cfg),
        declaration::<BatchSealProgress>(&cfg),
        declaration::<BatchSealOutcome>(&cfg),
        declaration::<BatchSealView>(&cfg),
        declaration::<BundleWaitView>(&cfg),
        declaration::<BundleNodeView>(&cfg),
        declaration::<BundleEdgeView>(&cfg),
        declaration::<BundleView>(&cfg),
        declaration::<InboxCursorView>(&cfg),
        declaration::<InboxQuery>(&cfg),
        declaration::<InboxRowView>(&cfg),
        declaration::<InboxPageView>(&cfg),
        declaration::<InboxChoiceView>(&cfg),
        declaration::<InboxFiltersView>(&cfg),
        declaration::<SessionModeView>(&cfg),
        declaration::<DemoSealView>(&cfg),
        declaration::<SessionView>(&cfg),
        declaration::<SyncErrorView>(&cfg),
        declaration::<SyncStatusView>(&cfg),
        declaration::<SyncProgressView>(&cfg),
        declaration::<HubConnectRequest>(&cfg),
        // The guide exchange format (docs/formats.md, snake_case) and the
        // guide editor's views.
        declaration::<LimitUnit>(&cfg),
        declaration::<TimeLimit>(&cfg),
        declaration::<ItemType>(&cfg),
        declaration::<ItemLevel>(&cfg),
        declaration::<ResultKind>(&cfg),
        declaration::<BureauMode>(&cfg),
        declaration::<ApprovalBureau>(&cfg),
        declaration::<InstantItem>(&cfg),
        declaration::<ItemDefinition>(&cfg),
        declaration::<LegalBasis>(&cfg),
        declaration::<Fee>(&cfg),
        declaration::<Contact>(&cfg),
        declaration::<ServiceWindow>(&cfg),
        declaration::<Requirement>(&cfg),
        declaration::<MaterialForm>(&cfg),
        declaration::<SampleFile>(&cfg),
        declaration::<Material>(&cfg),
        declaration::<StageKind>(&cfg),
        declaration::<StageDuration>(&cfg),
        declaration::<SpecialStage>(&cfg),
        declaration::<StepKind>(&cfg),
        declaration::<Step>(&cfg),
        declaration::<Edge>(&cfg),
        declaration::<Flowchart>(&cfg),
        declaration::<GuideContent>(&cfg),
        declaration::<GuideFile>(&cfg),
        declaration::<Severity>(&cfg),
        declaration::<FindingCode>(&cfg),
        declaration::<Finding>(&cfg),
        declaration::<GuideEditorItemView>(&cfg),
        declaration::<GuideLayoutNodeView>(&cfg),
        declaration::<GuideLayoutView>(&cfg),
        declaration::<GuideCheckView>(&cfg),
        declaration::<GuideEditorView>(&cfg),
        declaration::<GuideDraftSavedView>(&cfg),
        declaration::<GuidePublishedView>(&cfg),
        declaration::<GuideChangeRowView>(&cfg),
        declaration::<GuideEntryChangeView>(&cfg),
        declaration::<GuideDiffView>(&cfg),
    ];
    format!(
        "{HEADER}import type {{ ErrorCode }} from \"./errorCodes\";\n\n{}",
        declarations.join("\n")
    )
}

/// `errorCodes.ts`: the code union and each code's zh-CN and English title.
pub fn error_codes_ts() -> String {
    let union = ErrorCode::ALL
        .iter()
        .map(|c| format!("  | \"{}\"", c.as_str()))
        .collect::<Vec<_>>()
        .join("\n");
    let titles = ErrorCode::ALL
        .iter()
        .map(|c| {
            format!(
                "  {}: {{ zh: {:?}, en: {:?} }},",
                c.as_str(),
                c.title_zh(),
                c.title_en()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "{HEADER}\n/** Every stable error code a command can reject with. */\nexport type ErrorCode =\n{union};\n\n/** Each code's title in both languages. */\nexport const ERROR_CODE_TITLES: Record<ErrorCode, {{ zh: string; en: string }}> = {{\n{titles}\n}};\n"
    )
}
