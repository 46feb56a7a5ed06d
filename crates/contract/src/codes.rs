//! The stable codes the exchange carries (documented in `docs/formats.md`).
//! A code never changes meaning; new ones are only added.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Declares a code enum: each variant's wire code and its zh-CN name.
macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal, $zh:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The name officers and applicants read.
            pub fn name_zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// The variant of a wire code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

coded! {
    /// The case kind (办件类型).
    CaseKind {
        /// Decided on the spot (Art 18).
        Instant = "01", "即办件";
        /// Decided within a promised limit.
        Promised = "02", "承诺件";
        /// Handled jointly by several departments (a bundle, Art 15).
        Joint = "03", "联办件";
        /// Reported to a higher level for its decision.
        Reported = "04", "上报件";
    }
}

coded! {
    /// The states a case passes through as the exchange reports them
    /// (办件状态).
    ExchangeState {
        /// 接件: the window unit took the materials in.
        Received = "10", "接件";
        /// 受理 (an explicit or a deemed acceptance).
        Accepted = "20", "受理";
        /// 不予受理.
        NotAccepted = "21", "不予受理";
        /// 补正开始: the one-time correction notice was sent.
        CorrectionStarted = "30", "补正开始";
        /// 补正结束: the applicant's corrected materials arrived.
        CorrectionEnded = "31", "补正结束";
        /// 办理中.
        Processing = "40", "办理中";
        /// 特别程序开始 (a declared special stage, Art 11).
        SpecialStageStarted = "50", "特别程序开始";
        /// 特别程序结束.
        SpecialStageEnded = "51", "特别程序结束";
        /// 办结: decided, the result pushed.
        Decided = "60", "办结";
        /// 送达: the result reached the applicant.
        Delivered = "70", "送达";
    }
}

coded! {
    /// An applicant's review of a case (好差评, Art 26).
    ReviewLevel {
        VerySatisfied = "5", "非常满意";
        Satisfied = "4", "满意";
        FairlySatisfied = "3", "基本满意";
        Dissatisfied = "2", "不满意";
        VeryDissatisfied = "1", "非常不满意";
    }
}

impl ReviewLevel {
    /// A bad review opens a rectification entry (整改, Art 26).
    pub fn needs_rectification(self) -> bool {
        matches!(
            self,
            ReviewLevel::Dissatisfied | ReviewLevel::VeryDissatisfied
        )
    }
}

coded! {
    /// Who applies.
    ApplicantKind {
        /// 自然人.
        Individual = "1", "自然人";
        /// 法人或其他组织 (identified by the unified social credit code).
        LegalPerson = "2", "法人或其他组织";
    }
}

coded! {
    /// The certificate an applicant is identified by (证件类型).
    CertificateType {
        /// 居民身份证.
        ResidentIdCard = "111", "居民身份证";
        /// 统一社会信用代码.
        UnifiedSocialCreditCode = "001", "统一社会信用代码";
        /// 护照.
        Passport = "414", "护照";
        /// 港澳居民来往内地通行证.
        HongKongMacaoPermit = "516", "港澳居民来往内地通行证";
        /// 台湾居民来往大陆通行证.
        TaiwanPermit = "511", "台湾居民来往大陆通行证";
    }
}

coded! {
    /// The state of an electronic certificate (电子证照状态).
    LicenceState {
        Valid = "10", "有效";
        Revoked = "20", "撤销";
        Cancelled = "30", "注销";
        Expired = "40", "过期";
        Suspended = "50", "暂扣";
    }
}

coded! {
    /// How the paper result travels (纸质结果送达方式).
    DeliveryMethod {
        /// Collected at the window.
        WindowPickup = "1", "窗口领取";
        /// 政务专递 to the receiving window unit (Art 16).
        GovernmentExpress = "2", "政务专递";
        /// Mailed straight to the applicant on their request.
        DirectMail = "3", "直接邮寄申请人";
        /// No paper result (an electronic licence only).
        ElectronicOnly = "4", "仅电子结果";
    }
}

coded! {
    /// A decision on the merits.
    DecisionOutcome {
        Approved = "1", "准予";
        Rejected = "2", "不予";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn unique<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> bool {
        let codes: HashSet<_> = all.iter().map(|v| code(*v)).collect();
        codes.len() == all.len()
    }

    #[test]
    fn every_code_is_unique_and_reads_back() {
        assert!(unique(CaseKind::ALL, CaseKind::code));
        assert!(unique(ExchangeState::ALL, ExchangeState::code));
        assert!(unique(ReviewLevel::ALL, ReviewLevel::code));
        assert!(unique(CertificateType::ALL, CertificateType::code));
        assert!(unique(LicenceState::ALL, LicenceState::code));
        for state in ExchangeState::ALL {
            assert_eq!(ExchangeState::from_code(state.code()), Some(*state));
            let json = serde_json::to_string(state).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", state.code()));
        }
    }

    #[test]
    fn only_the_two_bad_levels_open_a_rectification() {
        let bad: Vec<_> = ReviewLevel::ALL
            .iter()
            .filter(|l| l.needs_rectification())
            .map(|l| l.name_zh())
            .collect();
        assert_eq!(bad, ["不满意", "非常不满意"]);
    }
}
