// @generated from spec/vaulting.yaml by `cargo xtask codegen` (build.rs runs the same generator).
// Do not edit: change the spec and regenerate. `cargo xtask codegen --check` fails when this
// copy and the spec disagree.
// spec fingerprint: fnv1a64:9e4ab418851485a6

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///Information from the acquirer that processed the card verification.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct AcquirerInfo {
        ///The name on the account at the acquirer. Source, Python SDK 1.7.1 `model/acquirer_info.py`.
        #[serde(
            rename = "acquirerAccountName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_account_name: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "acquirerCardToken",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_card_token: ::std::option::Option<crate::card::CardToken>,
        ///The acquirer's fingerprint of the card. Source, Python SDK 1.7.1 `model/acquirer_info.py`.
        #[serde(
            rename = "acquirerFingerprint",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_fingerprint: ::std::option::Option<::std::string::String>,
        ///The merchant id at the acquirer.
        #[serde(
            rename = "acquirerMerchantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_merchant_id: ::std::option::Option<::std::string::String>,
        ///The merchant name at the acquirer.
        #[serde(
            rename = "acquirerMerchantName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_merchant_name: ::std::option::Option<::std::string::String>,
        ///The name of the acquirer.
        #[serde(
            rename = "acquirerName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_name: ::std::option::Option<::std::string::String>,
        ///The acquirer's description of the reason for the result.
        #[serde(
            rename = "acquirerReasonDescription",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_reason_description: ::std::option::Option<::std::string::String>,
        ///The acquirer's raw result code.
        #[serde(
            rename = "acquirerResultCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_result_code: ::std::option::Option<::std::string::String>,
        ///The acquirer's raw result message.
        #[serde(
            rename = "acquirerResultMessage",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_result_message: ::std::option::Option<::std::string::String>,
        ///The acquirer's id of the transaction.
        #[serde(
            rename = "acquirerTransactionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_transaction_id: ::std::option::Option<::std::string::String>,
        ///The transaction id of the payment technical service provider (PTSP), where one took part. Source, Python SDK 1.7.1 `model/acquirer_info.py`.
        #[serde(
            rename = "ptspTransactionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub ptsp_transaction_id: ::std::option::Option<::std::string::String>,
        ///The id of the request Alipay sent to the acquirer.
        #[serde(
            rename = "referenceRequestId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub reference_request_id: ::std::option::Option<::std::string::String>,
    }
    impl AcquirerInfo {
        pub fn builder() -> builder::AcquirerInfo {
            Default::default()
        }
    }
    ///A postal address (the card's billing address on a request).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct Address {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address1: ::std::option::Option<crate::card::AddressLine>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address2: ::std::option::Option<crate::card::AddressLine>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address3: ::std::option::Option<crate::card::AddressLine>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub city: ::std::option::Option<crate::card::City>,
        ///The country of the address. Source, Python SDK 1.7.1 `model/address.py`. Limit not published (the official SDKs set none); 64 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub country: ::std::option::Option<::std::string::String>,
        ///A label for the address (e.g. home, office), as in the SDK models. Limit not published (the official SDKs set none); 64 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub label: ::std::option::Option<::std::string::String>,
        ///The ISO 3166 alpha-2 country or region code, e.g. CN. At most 2 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub region: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub state: ::std::option::Option<crate::card::StateOrProvince>,
        #[serde(
            rename = "zipCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub zip_code: ::std::option::Option<crate::card::PostalCode>,
    }
    impl Address {
        pub fn builder() -> builder::Address {
            Default::default()
        }
    }
    ///Details of the buyer's browser, used for risk control and 3DS authentication.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct BrowserInfo {
        ///The HTTP Accept header the browser sent. Limit not published (the official SDKs set none); 2048 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "acceptHeader",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub accept_header: ::std::option::Option<::std::string::String>,
        ///Whether the browser can run Java (navigator.javaEnabled()); a JSON boolean.
        #[serde(
            rename = "javaEnabled",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub java_enabled: ::std::option::Option<bool>,
        ///Whether the browser runs JavaScript; a JSON boolean.
        #[serde(
            rename = "javaScriptEnabled",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub java_script_enabled: ::std::option::Option<bool>,
        ///The browser language (navigator.language, IETF BCP 47, e.g. en-US). Limit not published (the official SDKs set none); 32 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub language: ::std::option::Option<::std::string::String>,
        ///The browser's user agent. Limit not published (the official SDKs set none); 1024 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "userAgent",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub user_agent: ::std::option::Option<::std::string::String>,
    }
    impl BrowserInfo {
        pub fn builder() -> builder::BrowserInfo {
            Default::default()
        }
    }
    /**The card to vault (the request side of the SDKs' CardPaymentMethodDetail). The card number
and the CVV are PCI DSS data: they must never reach a log, an error message or a debug print.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct Card {
        #[serde(
            rename = "billingAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub billing_address: ::std::option::Option<Address>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub brand: ::std::option::Option<CardBrand>,
        ///The 10-digit business number of the company that holds a Korean corporate card. At most 10 characters.
        #[serde(
            rename = "businessNo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_no: ::std::option::Option<::std::string::String>,
        ///The business registration number of the company that holds a corporate card, as in the vaultPaymentMethod document's example. Limit not published (the official SDKs set none); 32 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "businessRegistrationNo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub business_registration_no: ::std::option::Option<::std::string::String>,
        #[serde(rename = "cardNo")]
        pub card_no: crate::card::CardNumber,
        #[serde(
            rename = "cardPasswordDigest",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub card_password_digest: ::std::option::Option<crate::card::CardPasswordDigest>,
        #[serde(
            rename = "cardholderName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cardholder_name: ::std::option::Option<UserName>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub cpf: ::std::option::Option<crate::card::Cpf>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub cvv: ::std::option::Option<crate::card::Cvv>,
        #[serde(
            rename = "dateOfBirth",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub date_of_birth: ::std::option::Option<crate::card::DateOfBirth>,
        ///The expiry month as two digits, "01" to "12" (e.g. "08"). At most 2 characters.
        #[serde(rename = "expiryMonth")]
        pub expiry_month: ::std::string::String,
        ///The last two digits of the expiry year, e.g. "26" for 2026. At most 2 characters, digits only.
        #[serde(rename = "expiryYear")]
        pub expiry_year: ::std::string::String,
        #[serde(
            rename = "payerEmail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub payer_email: ::std::option::Option<crate::card::Email>,
    }
    impl Card {
        pub fn builder() -> builder::Card {
            Default::default()
        }
    }
    /**A card brand: an international scheme or, for cards issued in Korea, the issuer (the 37
values of the official SDKs' CardBrand):
- `VISA`: Visa.
- `MASTERCARD`: Mastercard.
- `MAESTRO`: Maestro (Mastercard debit).
- `AMEX`: American Express.
- `JCB`: JCB.
- `DINERS`: Diners Club.
- `DISCOVER`: Discover.
- `CUP`: China UnionPay.
- `MIR`: Mir (Russia).
- `ELO`: Elo (Brazil).
- `HIPERCARD`: Hipercard (Brazil).
- `TROY`: Troy (Türkiye).
- `CARTES_BANCAIRES`: Cartes Bancaires (France).
- `CARNET`: Carnet (Mexico).
- `BC`: BC Card (Korea).
- `CITI`: Citibank Korea.
- `GWANGJUBANK`: Gwangju Bank (Korea).
- `HYUNDAI`: Hyundai Card (Korea).
- `IBK_BC`: IBK Industrial Bank of Korea (BC network).
- `JEJUBANK`: Jeju Bank (Korea).
- `JEONBUKBANK`: Jeonbuk Bank (Korea).
- `KAKAOBANK`: KakaoBank (Korea).
- `KBANK`: K Bank (Korea).
- `KDBBANK`: Korea Development Bank.
- `KEBHANA`: KEB Hana Card (Korea).
- `KOOKMIN`: KB Kookmin Card (Korea).
- `LOTTE`: Lotte Card (Korea).
- `NONGHYUP`: NongHyup (NH) Card (Korea).
- `POST`: Korea Post (Epost) card.
- `SAEMAUL`: MG Saemaul Geumgo (Korea).
- `SAMSUNG`: Samsung Card (Korea).
- `SAVINGBANK`: Korean savings banks.
- `SHINHAN`: Shinhan Card (Korea).
- `SHINHYEOP`: Shinhyup credit unions (Korea).
- `SUHYEOP`: Suhyup Bank (Korea).
- `TOSSBANK`: Toss Bank (Korea).
- `WOORI`: Woori Card (Korea).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum CardBrand {
        #[serde(rename = "VISA")]
        Visa,
        #[serde(rename = "MASTERCARD")]
        Mastercard,
        #[serde(rename = "MAESTRO")]
        Maestro,
        #[serde(rename = "AMEX")]
        Amex,
        #[serde(rename = "JCB")]
        Jcb,
        #[serde(rename = "DINERS")]
        Diners,
        #[serde(rename = "DISCOVER")]
        Discover,
        #[serde(rename = "CUP")]
        Cup,
        #[serde(rename = "MIR")]
        Mir,
        #[serde(rename = "ELO")]
        Elo,
        #[serde(rename = "HIPERCARD")]
        Hipercard,
        #[serde(rename = "TROY")]
        Troy,
        #[serde(rename = "CARTES_BANCAIRES")]
        CartesBancaires,
        #[serde(rename = "CARNET")]
        Carnet,
        #[serde(rename = "BC")]
        Bc,
        #[serde(rename = "CITI")]
        Citi,
        #[serde(rename = "GWANGJUBANK")]
        Gwangjubank,
        #[serde(rename = "HYUNDAI")]
        Hyundai,
        #[serde(rename = "IBK_BC")]
        IbkBc,
        #[serde(rename = "JEJUBANK")]
        Jejubank,
        #[serde(rename = "JEONBUKBANK")]
        Jeonbukbank,
        #[serde(rename = "KAKAOBANK")]
        Kakaobank,
        #[serde(rename = "KBANK")]
        Kbank,
        #[serde(rename = "KDBBANK")]
        Kdbbank,
        #[serde(rename = "KEBHANA")]
        Kebhana,
        #[serde(rename = "KOOKMIN")]
        Kookmin,
        #[serde(rename = "LOTTE")]
        Lotte,
        #[serde(rename = "NONGHYUP")]
        Nonghyup,
        #[serde(rename = "POST")]
        Post,
        #[serde(rename = "SAEMAUL")]
        Saemaul,
        #[serde(rename = "SAMSUNG")]
        Samsung,
        #[serde(rename = "SAVINGBANK")]
        Savingbank,
        #[serde(rename = "SHINHAN")]
        Shinhan,
        #[serde(rename = "SHINHYEOP")]
        Shinhyeop,
        #[serde(rename = "SUHYEOP")]
        Suhyeop,
        #[serde(rename = "TOSSBANK")]
        Tossbank,
        #[serde(rename = "WOORI")]
        Woori,
    }
    impl ::std::fmt::Display for CardBrand {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Visa => f.write_str("VISA"),
                Self::Mastercard => f.write_str("MASTERCARD"),
                Self::Maestro => f.write_str("MAESTRO"),
                Self::Amex => f.write_str("AMEX"),
                Self::Jcb => f.write_str("JCB"),
                Self::Diners => f.write_str("DINERS"),
                Self::Discover => f.write_str("DISCOVER"),
                Self::Cup => f.write_str("CUP"),
                Self::Mir => f.write_str("MIR"),
                Self::Elo => f.write_str("ELO"),
                Self::Hipercard => f.write_str("HIPERCARD"),
                Self::Troy => f.write_str("TROY"),
                Self::CartesBancaires => f.write_str("CARTES_BANCAIRES"),
                Self::Carnet => f.write_str("CARNET"),
                Self::Bc => f.write_str("BC"),
                Self::Citi => f.write_str("CITI"),
                Self::Gwangjubank => f.write_str("GWANGJUBANK"),
                Self::Hyundai => f.write_str("HYUNDAI"),
                Self::IbkBc => f.write_str("IBK_BC"),
                Self::Jejubank => f.write_str("JEJUBANK"),
                Self::Jeonbukbank => f.write_str("JEONBUKBANK"),
                Self::Kakaobank => f.write_str("KAKAOBANK"),
                Self::Kbank => f.write_str("KBANK"),
                Self::Kdbbank => f.write_str("KDBBANK"),
                Self::Kebhana => f.write_str("KEBHANA"),
                Self::Kookmin => f.write_str("KOOKMIN"),
                Self::Lotte => f.write_str("LOTTE"),
                Self::Nonghyup => f.write_str("NONGHYUP"),
                Self::Post => f.write_str("POST"),
                Self::Saemaul => f.write_str("SAEMAUL"),
                Self::Samsung => f.write_str("SAMSUNG"),
                Self::Savingbank => f.write_str("SAVINGBANK"),
                Self::Shinhan => f.write_str("SHINHAN"),
                Self::Shinhyeop => f.write_str("SHINHYEOP"),
                Self::Suhyeop => f.write_str("SUHYEOP"),
                Self::Tossbank => f.write_str("TOSSBANK"),
                Self::Woori => f.write_str("WOORI"),
            }
        }
    }
    impl ::std::str::FromStr for CardBrand {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "VISA" => Ok(Self::Visa),
                "MASTERCARD" => Ok(Self::Mastercard),
                "MAESTRO" => Ok(Self::Maestro),
                "AMEX" => Ok(Self::Amex),
                "JCB" => Ok(Self::Jcb),
                "DINERS" => Ok(Self::Diners),
                "DISCOVER" => Ok(Self::Discover),
                "CUP" => Ok(Self::Cup),
                "MIR" => Ok(Self::Mir),
                "ELO" => Ok(Self::Elo),
                "HIPERCARD" => Ok(Self::Hipercard),
                "TROY" => Ok(Self::Troy),
                "CARTES_BANCAIRES" => Ok(Self::CartesBancaires),
                "CARNET" => Ok(Self::Carnet),
                "BC" => Ok(Self::Bc),
                "CITI" => Ok(Self::Citi),
                "GWANGJUBANK" => Ok(Self::Gwangjubank),
                "HYUNDAI" => Ok(Self::Hyundai),
                "IBK_BC" => Ok(Self::IbkBc),
                "JEJUBANK" => Ok(Self::Jejubank),
                "JEONBUKBANK" => Ok(Self::Jeonbukbank),
                "KAKAOBANK" => Ok(Self::Kakaobank),
                "KBANK" => Ok(Self::Kbank),
                "KDBBANK" => Ok(Self::Kdbbank),
                "KEBHANA" => Ok(Self::Kebhana),
                "KOOKMIN" => Ok(Self::Kookmin),
                "LOTTE" => Ok(Self::Lotte),
                "NONGHYUP" => Ok(Self::Nonghyup),
                "POST" => Ok(Self::Post),
                "SAEMAUL" => Ok(Self::Saemaul),
                "SAMSUNG" => Ok(Self::Samsung),
                "SAVINGBANK" => Ok(Self::Savingbank),
                "SHINHAN" => Ok(Self::Shinhan),
                "SHINHYEOP" => Ok(Self::Shinhyeop),
                "SUHYEOP" => Ok(Self::Suhyeop),
                "TOSSBANK" => Ok(Self::Tossbank),
                "WOORI" => Ok(Self::Woori),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CardBrand {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CardBrand {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Merchant-defined values passed through with the vaulting request (the SDKs' CustomizedInfo, five free fields).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct CustomizedInfo {
        ///The first merchant-defined value. Limit not published (the official SDKs set none); 256 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "customizedField1",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field1: ::std::option::Option<::std::string::String>,
        ///The second merchant-defined value. Limit not published (the official SDKs set none); 256 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "customizedField2",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field2: ::std::option::Option<::std::string::String>,
        ///The third merchant-defined value. Limit not published (the official SDKs set none); 256 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "customizedField3",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field3: ::std::option::Option<::std::string::String>,
        ///The fourth merchant-defined value. Limit not published (the official SDKs set none); 256 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "customizedField4",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field4: ::std::option::Option<::std::string::String>,
        ///The fifth merchant-defined value. Limit not published (the official SDKs set none); 256 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "customizedField5",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field5: ::std::option::Option<::std::string::String>,
    }
    impl CustomizedInfo {
        pub fn builder() -> builder::CustomizedInfo {
            Default::default()
        }
    }
    ///The environment in which the buyer vaults the card (terminal, device and browser data for risk control and 3DS).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct Env {
        #[serde(
            rename = "browserInfo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub browser_info: ::std::option::Option<BrowserInfo>,
        ///The IP address (IPv4 or IPv6) of the buyer's device. Limit not published (the official SDKs set none); 64 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "clientIp",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub client_ip: ::std::option::Option<::std::string::String>,
        ///The browser's color depth in bits per pixel (screen.colorDepth), one of 1, 4, 8, 15, 16, 24, 30, 32, 48, as a string. Limit not published (the official SDKs set none); 8 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "colorDepth",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub color_depth: ::std::option::Option<::std::string::String>,
        ///The merchant's cookie id for the buyer's browser session. Limit not published (the official SDKs set none); 64 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "cookieId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cookie_id: ::std::option::Option<::std::string::String>,
        ///The brand of the buyer's device. At most 64 characters.
        #[serde(
            rename = "deviceBrand",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub device_brand: ::std::option::Option<::std::string::String>,
        ///The id of the buyer's device. Limit not published (the official SDKs set none); 64 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "deviceId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub device_id: ::std::option::Option<::std::string::String>,
        ///The language setting of the buyer's device (e.g. en-US). Limit not published (the official SDKs set none); 32 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "deviceLanguage",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub device_language: ::std::option::Option<::std::string::String>,
        ///The model of the buyer's device. At most 128 characters.
        #[serde(
            rename = "deviceModel",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub device_model: ::std::option::Option<::std::string::String>,
        ///The device token from the Antom Device Fingerprint client, when it is integrated. At most 64 characters.
        #[serde(
            rename = "deviceTokenId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub device_token_id: ::std::option::Option<::std::string::String>,
        ///Extended environment information, when agreed with Alipay. At most 2048 characters.
        #[serde(
            rename = "extendInfo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub extend_info: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "osType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub os_type: ::std::option::Option<OsType>,
        ///The version of the device's operating system. Limit not published (the official SDKs set none); 32 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "osVersion",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub os_version: ::std::option::Option<::std::string::String>,
        ///The screen height of the buyer's device in pixels, as a string. Limit not published (the official SDKs set none); 8 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "screenHeight",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub screen_height: ::std::option::Option<::std::string::String>,
        ///The screen width of the buyer's device in pixels, as a string. Limit not published (the official SDKs set none); 8 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "screenWidth",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub screen_width: ::std::option::Option<::std::string::String>,
        ///The id of the in-store terminal, for in-store scenarios. Limit not published (the official SDKs set none); 64 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "storeTerminalId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub store_terminal_id: ::std::option::Option<::std::string::String>,
        ///The time the in-store terminal sent the request (ISO 8601), for in-store scenarios. Limit not published (the official SDKs set none); 64 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "storeTerminalRequestTime",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub store_terminal_request_time: ::std::option::Option<::std::string::String>,
        #[serde(rename = "terminalType")]
        pub terminal_type: TerminalType,
        ///The difference between UTC and the browser's local time in minutes, as getTimezoneOffset() gives it (-120 for UTC+2); a JSON integer, from -720 to 720.
        #[serde(
            rename = "timeZoneOffset",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub time_zone_offset: ::std::option::Option<i32>,
        ///The user agent of the buyer's browser or app. Limit not published in the vaulting documents (the official SDKs set none); 1024 chosen, stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "userAgent",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub user_agent: ::std::option::Option<::std::string::String>,
    }
    impl Env {
        pub fn builder() -> builder::Env {
            Default::default()
        }
    }
    /**The funding type of a card. Sources, Java SDK 2.2.8 `model/ams/FundingType.java`, Python
SDK 1.7.1 `model/funding_type.py`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum Funding {
        #[serde(rename = "CREDIT")]
        Credit,
        #[serde(rename = "DEBIT")]
        Debit,
        #[serde(rename = "PREPAID")]
        Prepaid,
        #[serde(rename = "CHARGE")]
        Charge,
        #[serde(rename = "DEFERRED_DEBIT")]
        DeferredDebit,
    }
    impl ::std::fmt::Display for Funding {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Credit => f.write_str("CREDIT"),
                Self::Debit => f.write_str("DEBIT"),
                Self::Prepaid => f.write_str("PREPAID"),
                Self::Charge => f.write_str("CHARGE"),
                Self::DeferredDebit => f.write_str("DEFERRED_DEBIT"),
            }
        }
    }
    impl ::std::str::FromStr for Funding {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "CREDIT" => Ok(Self::Credit),
                "DEBIT" => Ok(Self::Debit),
                "PREPAID" => Ok(Self::Prepaid),
                "CHARGE" => Ok(Self::Charge),
                "DEFERRED_DEBIT" => Ok(Self::DeferredDebit),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for Funding {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for Funding {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The body of an inquireVaulting request.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InquireVaultingRequest {
        ///The merchant account the vaulting request belongs to, for merchants that use one client id across several accounts. At most 64 characters.
        #[serde(
            rename = "merchantAccountId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub merchant_account_id: ::std::option::Option<::std::string::String>,
        ///The vaultingRequestId of the vaultPaymentMethod request to look up. At most 64 characters.
        #[serde(rename = "vaultingRequestId")]
        pub vaulting_request_id: ::std::string::String,
    }
    impl InquireVaultingRequest {
        pub fn builder() -> builder::InquireVaultingRequest {
            Default::default()
        }
    }
    /**The body of an inquireVaulting response. `result` only says whether the inquiry worked; the
vaulting outcome is `vaultingStatus`. The document marks `vaultingRequestId` as required,
but failures such as VAULTING_NOT_EXIST may answer with `result` only, so only `result` is
required here.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InquireVaultingResponse {
        #[serde(
            rename = "acquirerInfo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_info: ::std::option::Option<AcquirerInfo>,
        ///The same app link as `applinkUrl`, in the spelling the vaultPaymentMethod document uses in its result-handling rules; read when `applinkUrl` is absent.
        #[serde(
            rename = "appLinkUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub app_link_url: ::std::option::Option<::std::string::String>,
        ///A URL that opens the target app if installed, or else a WAP page (an Android App Link or iOS Universal Link); may come when `vaultingStatus` is PROCESSING. At most 2048 characters.
        #[serde(
            rename = "applinkUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub applink_url: ::std::option::Option<::std::string::String>,
        ///The `metadata` sent with the vaultPaymentMethod request, echoed back; at most 2048 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub metadata: ::std::option::Option<::std::string::String>,
        ///A URL that opens a WAP or web page in the default browser or an embedded WebView (the 3DS page for cards); may come when `vaultingStatus` is PROCESSING. At most 2048 characters.
        #[serde(
            rename = "normalUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub normal_url: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "paymentMethodDetail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub payment_method_detail: ::std::option::Option<VaultedPaymentMethodDetail>,
        pub result: Result,
        ///A URL scheme that opens the target app on Android or iOS when it is installed; may come when `vaultingStatus` is PROCESSING. At most 2048 characters.
        #[serde(
            rename = "schemeUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub scheme_url: ::std::option::Option<::std::string::String>,
        ///The merchant's id of the vaulting request, echoed back; at most 64 characters. Documented as required, but absent from some failures.
        #[serde(
            rename = "vaultingRequestId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vaulting_request_id: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "vaultingResultCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vaulting_result_code: ::std::option::Option<
            crate::open_enum::Open<crate::types::VaultingResultCode>,
        >,
        ///A readable description of `vaultingResultCode` ("success." for SUCCESS); returned whenever `result.resultStatus` is S; at most 256 characters. Same sources as `vaultingResultCode`.
        #[serde(
            rename = "vaultingResultMessage",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vaulting_result_message: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "vaultingStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vaulting_status: ::std::option::Option<
            crate::open_enum::Open<crate::types::VaultingStatus>,
        >,
    }
    impl InquireVaultingResponse {
        pub fn builder() -> builder::InquireVaultingResponse {
            Default::default()
        }
    }
    /**The merchant's answer to notifyVaulting: HTTP 200 with exactly
`{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`
(unsigned). Any other answer makes the gateway resend the notification.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct NotifyVaultingAcknowledgement {
        pub result: Result,
    }
    impl NotifyVaultingAcknowledgement {
        pub fn builder() -> builder::NotifyVaultingAcknowledgement {
            Default::default()
        }
    }
    /**The body of a notifyVaulting notification, sent by the gateway to `vaultingNotificationUrl`
when a vaulting reaches its final result.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct NotifyVaultingRequest {
        #[serde(
            rename = "acquirerInfo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_info: ::std::option::Option<AcquirerInfo>,
        #[serde(
            rename = "customizedInfo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_info: ::std::option::Option<VaultedCustomizedInfo>,
        ///The `metadata` sent with the vaultPaymentMethod request, echoed back; at most 2048 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub metadata: ::std::option::Option<::std::string::String>,
        ///The kind of notification, as the gateway names it. Kept as plain text - no official source (the documents or the SDKs) names its values.
        #[serde(
            rename = "notifyType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub notify_type: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "paymentMethodDetail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub payment_method_detail: ::std::option::Option<VaultedPaymentMethodDetail>,
        pub result: Result,
        ///When the vaulting was created, ISO 8601 with offset (e.g. 2024-03-14T19:07:40+08:00).
        #[serde(
            rename = "vaultingCreateTime",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vaulting_create_time: ::std::option::Option<::std::string::String>,
        ///The merchant's id of the vaulting request this notification is about; at most 64 characters.
        #[serde(rename = "vaultingRequestId")]
        pub vaulting_request_id: ::std::string::String,
        #[serde(
            rename = "vaultingStatus",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vaulting_status: ::std::option::Option<
            crate::open_enum::Open<crate::types::VaultingStatus>,
        >,
    }
    impl NotifyVaultingRequest {
        pub fn builder() -> builder::NotifyVaultingRequest {
            Default::default()
        }
    }
    /**The operating system of the buyer's mobile device:
- `IOS`: Apple iOS or iPadOS.
- `ANDROID`: Android.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum OsType {
        #[serde(rename = "IOS")]
        Ios,
        #[serde(rename = "ANDROID")]
        Android,
    }
    impl ::std::fmt::Display for OsType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Ios => f.write_str("IOS"),
                Self::Android => f.write_str("ANDROID"),
            }
        }
    }
    impl ::std::str::FromStr for OsType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "IOS" => Ok(Self::Ios),
                "ANDROID" => Ok(Self::Android),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for OsType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for OsType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The payment method to vault. For card vaulting `paymentMethodType` is `CARD` and `card` is required.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct PaymentMethodDetail {
        pub card: Card,
        #[serde(rename = "paymentMethodType")]
        pub payment_method_type: PaymentMethodType,
    }
    impl PaymentMethodDetail {
        pub fn builder() -> builder::PaymentMethodDetail {
            Default::default()
        }
    }
    /**The kind of payment method:
- `CARD`: a bank card (the only type vaultPaymentMethod vaults).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum PaymentMethodType {
        #[serde(rename = "CARD")]
        Card,
    }
    impl ::std::fmt::Display for PaymentMethodType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Card => f.write_str("CARD"),
            }
        }
    }
    impl ::std::str::FromStr for PaymentMethodType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "CARD" => Ok(Self::Card),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for PaymentMethodType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PaymentMethodType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The result of an API call (or of the vaulting, in a notification).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct Result {
        #[serde(rename = "resultCode")]
        pub result_code: crate::open_enum::Open<crate::types::ResultCode>,
        ///A human-readable explanation of the result code; at most 256 characters. Not for display to buyers.
        #[serde(
            rename = "resultMessage",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub result_message: ::std::option::Option<::std::string::String>,
        #[serde(rename = "resultStatus")]
        pub result_status: crate::open_enum::Open<crate::types::ResultStatus>,
    }
    impl Result {
        pub fn builder() -> builder::Result {
            Default::default()
        }
    }
    /**The result code of an API call or notification (with its usual `resultStatus`):
- `SUCCESS` (S): the call succeeded.
- `PARAM_ILLEGAL` (F): a required parameter is missing or a parameter is illegal (non-numeric input, invalid date, wrong length or type); fix the request.
- `PROCESS_FAIL` (F): a general business failure; do not retry, manual follow-up is needed.
- `VERIFICATION_FAIL` (F): the payment method could not be verified; call again with a new vaultingRequestId.
- `UNKNOWN_EXCEPTION` (U): the call failed for an unknown reason; vaultPaymentMethod: call again with a new vaultingRequestId; inquireVaulting: retry with the same id.
- `VERIFICATION_IN_PROCESS` (U): verification (e.g. 3DS) is in progress; open a returned URL, or call again with a new vaultingRequestId if none came back.
- `VAULTING_NOT_EXIST` (F): inquireVaulting found no vaulting request with this vaultingRequestId.
- `ACCESS_DENIED` (F): access is denied (gateway-level).
- `INVALID_API` (F): the called API is invalid or not active for this client (gateway-level).
- `INVALID_CLIENT` (F): the client id is invalid (gateway-level).
- `INVALID_SIGNATURE` (F): the request signature does not verify against the public key registered for the client (gateway-level).
- `KEY_NOT_FOUND` (F): the merchant's or Alipay's key for this client was not found (gateway-level).
- `MEDIA_TYPE_NOT_ACCEPTABLE` (F): the server does not support a media type acceptable to the client (gateway-level).
- `METHOD_NOT_SUPPORTED` (F): the HTTP method is not supported; use POST (gateway-level).
- `NO_INTERFACE_DEF` (F): the API is not defined (gateway-level, e.g. a wrong path).
- `REQUEST_TRAFFIC_EXCEED_LIMIT` (U): the request traffic exceeds the limit; retry later (gateway-level).
- `REPEAT_REQ_INCONSISTENT` (F): the request repeats an earlier request id with different content (e.g. another card under the same vaultingRequestId); use a new id.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum ResultCode {
        #[serde(rename = "SUCCESS")]
        Success,
        #[serde(rename = "PARAM_ILLEGAL")]
        ParamIllegal,
        #[serde(rename = "PROCESS_FAIL")]
        ProcessFail,
        #[serde(rename = "VERIFICATION_FAIL")]
        VerificationFail,
        #[serde(rename = "UNKNOWN_EXCEPTION")]
        UnknownException,
        #[serde(rename = "VERIFICATION_IN_PROCESS")]
        VerificationInProcess,
        #[serde(rename = "VAULTING_NOT_EXIST")]
        VaultingNotExist,
        #[serde(rename = "ACCESS_DENIED")]
        AccessDenied,
        #[serde(rename = "INVALID_API")]
        InvalidApi,
        #[serde(rename = "INVALID_CLIENT")]
        InvalidClient,
        #[serde(rename = "INVALID_SIGNATURE")]
        InvalidSignature,
        #[serde(rename = "KEY_NOT_FOUND")]
        KeyNotFound,
        #[serde(rename = "MEDIA_TYPE_NOT_ACCEPTABLE")]
        MediaTypeNotAcceptable,
        #[serde(rename = "METHOD_NOT_SUPPORTED")]
        MethodNotSupported,
        #[serde(rename = "NO_INTERFACE_DEF")]
        NoInterfaceDef,
        #[serde(rename = "REQUEST_TRAFFIC_EXCEED_LIMIT")]
        RequestTrafficExceedLimit,
        #[serde(rename = "REPEAT_REQ_INCONSISTENT")]
        RepeatReqInconsistent,
    }
    impl ::std::fmt::Display for ResultCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Success => f.write_str("SUCCESS"),
                Self::ParamIllegal => f.write_str("PARAM_ILLEGAL"),
                Self::ProcessFail => f.write_str("PROCESS_FAIL"),
                Self::VerificationFail => f.write_str("VERIFICATION_FAIL"),
                Self::UnknownException => f.write_str("UNKNOWN_EXCEPTION"),
                Self::VerificationInProcess => f.write_str("VERIFICATION_IN_PROCESS"),
                Self::VaultingNotExist => f.write_str("VAULTING_NOT_EXIST"),
                Self::AccessDenied => f.write_str("ACCESS_DENIED"),
                Self::InvalidApi => f.write_str("INVALID_API"),
                Self::InvalidClient => f.write_str("INVALID_CLIENT"),
                Self::InvalidSignature => f.write_str("INVALID_SIGNATURE"),
                Self::KeyNotFound => f.write_str("KEY_NOT_FOUND"),
                Self::MediaTypeNotAcceptable => f.write_str("MEDIA_TYPE_NOT_ACCEPTABLE"),
                Self::MethodNotSupported => f.write_str("METHOD_NOT_SUPPORTED"),
                Self::NoInterfaceDef => f.write_str("NO_INTERFACE_DEF"),
                Self::RequestTrafficExceedLimit => {
                    f.write_str("REQUEST_TRAFFIC_EXCEED_LIMIT")
                }
                Self::RepeatReqInconsistent => f.write_str("REPEAT_REQ_INCONSISTENT"),
            }
        }
    }
    impl ::std::str::FromStr for ResultCode {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "SUCCESS" => Ok(Self::Success),
                "PARAM_ILLEGAL" => Ok(Self::ParamIllegal),
                "PROCESS_FAIL" => Ok(Self::ProcessFail),
                "VERIFICATION_FAIL" => Ok(Self::VerificationFail),
                "UNKNOWN_EXCEPTION" => Ok(Self::UnknownException),
                "VERIFICATION_IN_PROCESS" => Ok(Self::VerificationInProcess),
                "VAULTING_NOT_EXIST" => Ok(Self::VaultingNotExist),
                "ACCESS_DENIED" => Ok(Self::AccessDenied),
                "INVALID_API" => Ok(Self::InvalidApi),
                "INVALID_CLIENT" => Ok(Self::InvalidClient),
                "INVALID_SIGNATURE" => Ok(Self::InvalidSignature),
                "KEY_NOT_FOUND" => Ok(Self::KeyNotFound),
                "MEDIA_TYPE_NOT_ACCEPTABLE" => Ok(Self::MediaTypeNotAcceptable),
                "METHOD_NOT_SUPPORTED" => Ok(Self::MethodNotSupported),
                "NO_INTERFACE_DEF" => Ok(Self::NoInterfaceDef),
                "REQUEST_TRAFFIC_EXCEED_LIMIT" => Ok(Self::RequestTrafficExceedLimit),
                "REPEAT_REQ_INCONSISTENT" => Ok(Self::RepeatReqInconsistent),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ResultCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ResultCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**The status of an API call:
- `S`: success.
- `F`: failure; see `resultCode`.
- `U`: unknown; see `resultCode` (e.g. retry, or follow the verification URLs). This
  crate reads every `U` but a vaultPaymentMethod `VERIFICATION_IN_PROCESS` with a URL as
  an unknown outcome, resolved by an inquiry with the same `vaultingRequestId`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum ResultStatus {
        S,
        F,
        U,
    }
    impl ::std::fmt::Display for ResultStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::S => f.write_str("S"),
                Self::F => f.write_str("F"),
                Self::U => f.write_str("U"),
            }
        }
    }
    impl ::std::str::FromStr for ResultStatus {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "S" => Ok(Self::S),
                "F" => Ok(Self::F),
                "U" => Ok(Self::U),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ResultStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ResultStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**The type of terminal the buyer uses. Upper case is canonical; the gateway matches the value
case-insensitively and the vaultPaymentMethod document's own example sends `app`, so the
lower-case spellings are accepted too:
- `WEB` / `web`: a browser on a desktop computer.
- `WAP` / `wap`: a browser on a mobile device.
- `APP` / `app`: the merchant's mobile app.
- `MINI_APP` / `mini_app`: a mini program inside a super app.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct TerminalType(pub ::std::string::String);
    impl ::std::ops::Deref for TerminalType {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<TerminalType> for ::std::string::String {
        fn from(value: TerminalType) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::string::String> for TerminalType {
        fn from(value: ::std::string::String) -> Self {
            Self(value)
        }
    }
    impl ::std::fmt::Display for TerminalType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            self.0.fmt(f)
        }
    }
    impl ::std::str::FromStr for TerminalType {
        type Err = ::std::convert::Infallible;
        fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self(value.to_string()))
        }
    }
    ///A person's name (the cardholder's name on a request).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct UserName {
        #[serde(
            rename = "firstName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub first_name: ::std::option::Option<crate::card::PersonName>,
        #[serde(
            rename = "fullName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub full_name: ::std::option::Option<crate::card::FullName>,
        #[serde(
            rename = "lastName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub last_name: ::std::option::Option<crate::card::PersonName>,
        #[serde(
            rename = "middleName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub middle_name: ::std::option::Option<crate::card::PersonName>,
    }
    impl UserName {
        pub fn builder() -> builder::UserName {
            Default::default()
        }
    }
    ///The body of a vaultPaymentMethod request.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct VaultPaymentMethodRequest {
        #[serde(
            rename = "customizedInfo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_info: ::std::option::Option<CustomizedInfo>,
        pub env: Env,
        ///The merchant account this request belongs to, for merchants that use one client id across several accounts. At most 64 characters.
        #[serde(
            rename = "merchantAccountId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub merchant_account_id: ::std::option::Option<::std::string::String>,
        ///The ISO 3166 alpha-2 code of the country or region where the merchant operates (e.g. US, SG, HK, JP, CN, BR); needed for the Global Acquirer Gateway (GAGW) product. At most 2 characters.
        #[serde(
            rename = "merchantRegion",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub merchant_region: ::std::option::Option<::std::string::String>,
        ///Free-form merchant data (often JSON text) echoed back in inquireVaulting and notifyVaulting. At most 2048 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub metadata: ::std::option::Option<::std::string::String>,
        #[serde(rename = "paymentMethodDetail")]
        pub payment_method_detail: PaymentMethodDetail,
        ///The merchant page the buyer is sent back to after verification (e.g. 3DS) completes. At most 2048 characters.
        #[serde(rename = "redirectUrl")]
        pub redirect_url: ::std::string::String,
        ///The ISO 4217 currency code the vaulted card is expected to pay in (newer SDK field). Limit not published (the official SDKs set none); 3 chosen (an ISO 4217 code), stricter than every official source so that a runaway value fails here, naming the field, instead of at the gateway.
        #[serde(
            rename = "vaultingCurrency",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vaulting_currency: ::std::option::Option<::std::string::String>,
        ///The URL that receives the notifyVaulting notification with the final result. At most 2048 characters.
        #[serde(rename = "vaultingNotificationUrl")]
        pub vaulting_notification_url: ::std::string::String,
        ///The merchant's unique id of this vaulting request and the API's idempotency key (a repeated id that reached S or F returns the same result). At most 64 characters.
        #[serde(rename = "vaultingRequestId")]
        pub vaulting_request_id: ::std::string::String,
    }
    impl VaultPaymentMethodRequest {
        pub fn builder() -> builder::VaultPaymentMethodRequest {
            Default::default()
        }
    }
    /**The body of a vaultPaymentMethod response. The document marks `vaultingRequestId` as
required, but gateway-level failures (e.g. INVALID_SIGNATURE) answer with `result` only,
so only `result` is required here.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct VaultPaymentMethodResponse {
        #[serde(
            rename = "acquirerInfo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub acquirer_info: ::std::option::Option<AcquirerInfo>,
        ///The same app link as `applinkUrl`, in the spelling the vaultPaymentMethod document uses in its result-handling rules; read when `applinkUrl` is absent, so an answer spelled either way redirects the buyer.
        #[serde(
            rename = "appLinkUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub app_link_url: ::std::option::Option<::std::string::String>,
        ///A URL that opens the target app if installed, or else a WAP page (an Android App Link or iOS Universal Link); may come with VERIFICATION_IN_PROCESS. At most 2048 characters.
        #[serde(
            rename = "applinkUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub applink_url: ::std::option::Option<::std::string::String>,
        ///A URL that opens a WAP or web page in the default browser or an embedded WebView, e.g. the 3DS page for cards; may come with VERIFICATION_IN_PROCESS. At most 2048 characters.
        #[serde(
            rename = "normalUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub normal_url: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "paymentMethodDetail",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub payment_method_detail: ::std::option::Option<VaultedPaymentMethodDetail>,
        pub result: Result,
        ///A URL scheme that opens the target app on Android or iOS when it is installed; may come with VERIFICATION_IN_PROCESS. At most 2048 characters.
        #[serde(
            rename = "schemeUrl",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub scheme_url: ::std::option::Option<::std::string::String>,
        ///The merchant's id of the vaulting request, echoed back; at most 64 characters. Documented as required, but absent from gateway-level failures.
        #[serde(
            rename = "vaultingRequestId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub vaulting_request_id: ::std::option::Option<::std::string::String>,
    }
    impl VaultPaymentMethodResponse {
        pub fn builder() -> builder::VaultPaymentMethodResponse {
            Default::default()
        }
    }
    ///A postal address as the gateway returns it.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct VaultedAddress {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address1: ::std::option::Option<crate::card::AddressLine>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address2: ::std::option::Option<crate::card::AddressLine>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address3: ::std::option::Option<crate::card::AddressLine>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub city: ::std::option::Option<crate::card::City>,
        ///The country of the address. Source, Python SDK 1.7.1 `model/address.py`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub country: ::std::option::Option<::std::string::String>,
        ///A label for the address (e.g. home, office).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub label: ::std::option::Option<::std::string::String>,
        ///The ISO 3166 alpha-2 country or region code; at most 2 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub region: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub state: ::std::option::Option<crate::card::StateOrProvince>,
        #[serde(
            rename = "zipCode",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub zip_code: ::std::option::Option<crate::card::PostalCode>,
    }
    impl VaultedAddress {
        pub fn builder() -> builder::VaultedAddress {
            Default::default()
        }
    }
    /**A vaulted card as the gateway returns it (the response side of the SDKs'
CardPaymentMethodDetail). It never carries the full card number or the CVV.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct VaultedCard {
        ///The authentication flow that was used (e.g. frictionless or challenge for 3DS).
        #[serde(
            rename = "authenticationFlow",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub authentication_flow: ::std::option::Option<::std::string::String>,
        ///The raw address verification (AVS) result from the issuer.
        #[serde(
            rename = "avsResultRaw",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub avs_result_raw: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "billingAddress",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub billing_address: ::std::option::Option<VaultedAddress>,
        ///The bank identification number (the first 6 to 8 digits of the card number).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub bin: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub brand: ::std::option::Option<
            crate::open_enum::Open<crate::types::CardBrand>,
        >,
        ///The card issuer, under the older field name some responses use.
        #[serde(
            rename = "cardIssuer",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub card_issuer: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "cardToken",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub card_token: ::std::option::Option<crate::card::CardToken>,
        #[serde(
            rename = "cardholderName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cardholder_name: ::std::option::Option<VaultedUserName>,
        ///The country where the card was issued, under the older field name some responses use.
        #[serde(
            rename = "countryIssue",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub country_issue: ::std::option::Option<::std::string::String>,
        ///The raw CVV check result from the issuer.
        #[serde(
            rename = "cvvResultRaw",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub cvv_result_raw: ::std::option::Option<::std::string::String>,
        ///The expiry month as two digits, e.g. "08"; at most 2 characters.
        #[serde(
            rename = "expiryMonth",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub expiry_month: ::std::option::Option<::std::string::String>,
        ///The last two digits of the expiry year, e.g. "26"; at most 2 characters.
        #[serde(
            rename = "expiryYear",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub expiry_year: ::std::option::Option<::std::string::String>,
        ///A stable fingerprint of the card number, the same for every vaulting of the same card.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub fingerprint: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub funding: ::std::option::Option<
            crate::open_enum::Open<crate::types::Funding>,
        >,
        #[serde(
            rename = "instUserName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub inst_user_name: ::std::option::Option<VaultedUserName>,
        #[serde(
            rename = "is3DSAuthentication",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub is3_ds_authentication: ::std::option::Option<crate::lenient::Lenient<bool>>,
        ///The name of the bank that issued the card.
        #[serde(
            rename = "issuerName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub issuer_name: ::std::option::Option<::std::string::String>,
        ///The ISO 3166 alpha-2 code of the country where the card was issued.
        #[serde(
            rename = "issuingCountry",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub issuing_country: ::std::option::Option<::std::string::String>,
        ///The last four digits of the card number, under the older field name some responses use.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub last4: ::std::option::Option<::std::string::String>,
        ///The last four digits of the card number.
        #[serde(
            rename = "lastFour",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub last_four: ::std::option::Option<::std::string::String>,
        ///A masked form of the card number, under the older field name some responses use.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub mask: ::std::option::Option<::std::string::String>,
        ///The card number with all but a few digits masked, e.g. ************8764; at most 64 characters.
        #[serde(
            rename = "maskedCardNo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub masked_card_no: ::std::option::Option<::std::string::String>,
        ///The id the card scheme assigned to the verification transaction; at most 256 characters.
        #[serde(
            rename = "networkTransactionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub network_transaction_id: ::std::option::Option<::std::string::String>,
        ///Additional information about the card, as JSON text.
        #[serde(
            rename = "paymentMethodDetailMetadata",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub payment_method_detail_metadata: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "selectedCardBrand",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub selected_card_brand: ::std::option::Option<
            crate::open_enum::Open<crate::types::CardBrand>,
        >,
        ///The brands the card can pay with (e.g. both schemes of a co-branded card). Source, Python SDK 1.7.1 `model/card_payment_method_detail.py` (supported_brands, a list of strings).
        #[serde(
            rename = "supportedBrands",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub supported_brands: ::std::vec::Vec<::std::string::String>,
    }
    impl VaultedCard {
        pub fn builder() -> builder::VaultedCard {
            Default::default()
        }
    }
    ///Merchant-defined values as the gateway passes them back (the SDKs' CustomizedInfo, five free fields).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct VaultedCustomizedInfo {
        ///The first merchant-defined value.
        #[serde(
            rename = "customizedField1",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field1: ::std::option::Option<::std::string::String>,
        ///The second merchant-defined value.
        #[serde(
            rename = "customizedField2",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field2: ::std::option::Option<::std::string::String>,
        ///The third merchant-defined value.
        #[serde(
            rename = "customizedField3",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field3: ::std::option::Option<::std::string::String>,
        ///The fourth merchant-defined value.
        #[serde(
            rename = "customizedField4",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field4: ::std::option::Option<::std::string::String>,
        ///The fifth merchant-defined value.
        #[serde(
            rename = "customizedField5",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub customized_field5: ::std::option::Option<::std::string::String>,
    }
    impl VaultedCustomizedInfo {
        pub fn builder() -> builder::VaultedCustomizedInfo {
            Default::default()
        }
    }
    ///A vaulted payment method as the gateway returns it (never with the card number or CVV).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct VaultedPaymentMethodDetail {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub card: ::std::option::Option<VaultedCard>,
        #[serde(
            rename = "paymentMethodType",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub payment_method_type: ::std::option::Option<
            crate::open_enum::Open<crate::types::PaymentMethodType>,
        >,
    }
    impl VaultedPaymentMethodDetail {
        pub fn builder() -> builder::VaultedPaymentMethodDetail {
            Default::default()
        }
    }
    ///A person's name as the gateway returns it.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct VaultedUserName {
        #[serde(
            rename = "firstName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub first_name: ::std::option::Option<crate::card::PersonName>,
        #[serde(
            rename = "fullName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub full_name: ::std::option::Option<crate::card::FullName>,
        #[serde(
            rename = "lastName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub last_name: ::std::option::Option<crate::card::PersonName>,
        #[serde(
            rename = "middleName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub middle_name: ::std::option::Option<crate::card::PersonName>,
    }
    impl VaultedUserName {
        pub fn builder() -> builder::VaultedUserName {
            Default::default()
        }
    }
    /**Why a vaulting failed (returned with `vaultingStatus` `FAIL`; Alipay says more may be added):
- `CARD_EXPIRED`: the card has expired.
- `DO_NOT_HONOR`: the issuer declined the card without giving a reason.
- `FRAUD_REJECT`: rejected by fraud or risk control.
- `INVALID_CARD_NUMBER`: the card number is invalid.
- `INVALID_CVV`: the CVV is wrong.
- `INVALID_EXPIRATION_DATE`: the expiry date is wrong.
- `LOST_CARD`: the card was reported lost.
- `STOLEN_CARD`: the card was reported stolen.
- `RESTRICTED_CARD`: the card is restricted (e.g. blocked for this kind of use or region).
- `VERIFY_TIMES_EXCEED_LIMIT`: too many verification attempts for this card.
- `PROCESS_FAIL`: a general business failure, or a channel error that has no code of its
  own; do not retry (as vaultPaymentMethod's own `PROCESS_FAIL`).
- `SUCCESS`: with `vaultingStatus` SUCCESS.
- `VERIFICATION_IN_PROCESS`: with `vaultingStatus` PROCESSING.
- `ACCESS_DENIED`: the issuer or scheme denied access.
- `ACCOUNT_CLOSED`: the card's account is closed.
- `AUTHENTICATION_REQUIRED`: the issuer requires authentication (e.g. 3-D Secure).
- `BLOCKED_FIRST_USED`: the card is blocked until its first use is activated.
- `CARD_NOT_SUPPORTED`: the card is not supported for this use.
- `NO_SELECTED_ACCOUNT`: no account was selected for the card.
- `ORDER_IS_CLOSED`: the order behind the verification is closed.
- `PAYMENT_AMOUNT_EXCEED_LIMIT`: the verification amount exceeds a limit.
- `PAYMENT_COUNT_EXCEED_LIMIT`: too many payments with the card.
- `PICKUP_CARD`: the issuer asks to retain the card (reported lost, stolen or fraudulent).
- `POLICY`: refused by a policy of the issuer, scheme or acquirer.
- `USER_BALANCE_NOT_ENOUGH`: not enough balance for the verification.
- `USER_PAYMENT_VERIFICATION_FAILED`: the cardholder's verification failed.
Sources for `PROCESS_FAIL` and the codes after it: Python SDK 1.7.1
`response/pay/alipay_vaulting_query_response.py` (vaultingResultCode), Java SDK 2.2.8
`response/ams/pay/AlipayVaultingQueryResponse.java`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum VaultingResultCode {
        #[serde(rename = "CARD_EXPIRED")]
        CardExpired,
        #[serde(rename = "DO_NOT_HONOR")]
        DoNotHonor,
        #[serde(rename = "FRAUD_REJECT")]
        FraudReject,
        #[serde(rename = "INVALID_CARD_NUMBER")]
        InvalidCardNumber,
        #[serde(rename = "INVALID_CVV")]
        InvalidCvv,
        #[serde(rename = "INVALID_EXPIRATION_DATE")]
        InvalidExpirationDate,
        #[serde(rename = "LOST_CARD")]
        LostCard,
        #[serde(rename = "STOLEN_CARD")]
        StolenCard,
        #[serde(rename = "RESTRICTED_CARD")]
        RestrictedCard,
        #[serde(rename = "VERIFY_TIMES_EXCEED_LIMIT")]
        VerifyTimesExceedLimit,
        #[serde(rename = "PROCESS_FAIL")]
        ProcessFail,
        #[serde(rename = "SUCCESS")]
        Success,
        #[serde(rename = "VERIFICATION_IN_PROCESS")]
        VerificationInProcess,
        #[serde(rename = "ACCESS_DENIED")]
        AccessDenied,
        #[serde(rename = "ACCOUNT_CLOSED")]
        AccountClosed,
        #[serde(rename = "AUTHENTICATION_REQUIRED")]
        AuthenticationRequired,
        #[serde(rename = "BLOCKED_FIRST_USED")]
        BlockedFirstUsed,
        #[serde(rename = "CARD_NOT_SUPPORTED")]
        CardNotSupported,
        #[serde(rename = "NO_SELECTED_ACCOUNT")]
        NoSelectedAccount,
        #[serde(rename = "ORDER_IS_CLOSED")]
        OrderIsClosed,
        #[serde(rename = "PAYMENT_AMOUNT_EXCEED_LIMIT")]
        PaymentAmountExceedLimit,
        #[serde(rename = "PAYMENT_COUNT_EXCEED_LIMIT")]
        PaymentCountExceedLimit,
        #[serde(rename = "PICKUP_CARD")]
        PickupCard,
        #[serde(rename = "POLICY")]
        Policy,
        #[serde(rename = "USER_BALANCE_NOT_ENOUGH")]
        UserBalanceNotEnough,
        #[serde(rename = "USER_PAYMENT_VERIFICATION_FAILED")]
        UserPaymentVerificationFailed,
    }
    impl ::std::fmt::Display for VaultingResultCode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::CardExpired => f.write_str("CARD_EXPIRED"),
                Self::DoNotHonor => f.write_str("DO_NOT_HONOR"),
                Self::FraudReject => f.write_str("FRAUD_REJECT"),
                Self::InvalidCardNumber => f.write_str("INVALID_CARD_NUMBER"),
                Self::InvalidCvv => f.write_str("INVALID_CVV"),
                Self::InvalidExpirationDate => f.write_str("INVALID_EXPIRATION_DATE"),
                Self::LostCard => f.write_str("LOST_CARD"),
                Self::StolenCard => f.write_str("STOLEN_CARD"),
                Self::RestrictedCard => f.write_str("RESTRICTED_CARD"),
                Self::VerifyTimesExceedLimit => f.write_str("VERIFY_TIMES_EXCEED_LIMIT"),
                Self::ProcessFail => f.write_str("PROCESS_FAIL"),
                Self::Success => f.write_str("SUCCESS"),
                Self::VerificationInProcess => f.write_str("VERIFICATION_IN_PROCESS"),
                Self::AccessDenied => f.write_str("ACCESS_DENIED"),
                Self::AccountClosed => f.write_str("ACCOUNT_CLOSED"),
                Self::AuthenticationRequired => f.write_str("AUTHENTICATION_REQUIRED"),
                Self::BlockedFirstUsed => f.write_str("BLOCKED_FIRST_USED"),
                Self::CardNotSupported => f.write_str("CARD_NOT_SUPPORTED"),
                Self::NoSelectedAccount => f.write_str("NO_SELECTED_ACCOUNT"),
                Self::OrderIsClosed => f.write_str("ORDER_IS_CLOSED"),
                Self::PaymentAmountExceedLimit => {
                    f.write_str("PAYMENT_AMOUNT_EXCEED_LIMIT")
                }
                Self::PaymentCountExceedLimit => {
                    f.write_str("PAYMENT_COUNT_EXCEED_LIMIT")
                }
                Self::PickupCard => f.write_str("PICKUP_CARD"),
                Self::Policy => f.write_str("POLICY"),
                Self::UserBalanceNotEnough => f.write_str("USER_BALANCE_NOT_ENOUGH"),
                Self::UserPaymentVerificationFailed => {
                    f.write_str("USER_PAYMENT_VERIFICATION_FAILED")
                }
            }
        }
    }
    impl ::std::str::FromStr for VaultingResultCode {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "CARD_EXPIRED" => Ok(Self::CardExpired),
                "DO_NOT_HONOR" => Ok(Self::DoNotHonor),
                "FRAUD_REJECT" => Ok(Self::FraudReject),
                "INVALID_CARD_NUMBER" => Ok(Self::InvalidCardNumber),
                "INVALID_CVV" => Ok(Self::InvalidCvv),
                "INVALID_EXPIRATION_DATE" => Ok(Self::InvalidExpirationDate),
                "LOST_CARD" => Ok(Self::LostCard),
                "STOLEN_CARD" => Ok(Self::StolenCard),
                "RESTRICTED_CARD" => Ok(Self::RestrictedCard),
                "VERIFY_TIMES_EXCEED_LIMIT" => Ok(Self::VerifyTimesExceedLimit),
                "PROCESS_FAIL" => Ok(Self::ProcessFail),
                "SUCCESS" => Ok(Self::Success),
                "VERIFICATION_IN_PROCESS" => Ok(Self::VerificationInProcess),
                "ACCESS_DENIED" => Ok(Self::AccessDenied),
                "ACCOUNT_CLOSED" => Ok(Self::AccountClosed),
                "AUTHENTICATION_REQUIRED" => Ok(Self::AuthenticationRequired),
                "BLOCKED_FIRST_USED" => Ok(Self::BlockedFirstUsed),
                "CARD_NOT_SUPPORTED" => Ok(Self::CardNotSupported),
                "NO_SELECTED_ACCOUNT" => Ok(Self::NoSelectedAccount),
                "ORDER_IS_CLOSED" => Ok(Self::OrderIsClosed),
                "PAYMENT_AMOUNT_EXCEED_LIMIT" => Ok(Self::PaymentAmountExceedLimit),
                "PAYMENT_COUNT_EXCEED_LIMIT" => Ok(Self::PaymentCountExceedLimit),
                "PICKUP_CARD" => Ok(Self::PickupCard),
                "POLICY" => Ok(Self::Policy),
                "USER_BALANCE_NOT_ENOUGH" => Ok(Self::UserBalanceNotEnough),
                "USER_PAYMENT_VERIFICATION_FAILED" => {
                    Ok(Self::UserPaymentVerificationFailed)
                }
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for VaultingResultCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for VaultingResultCode {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**The state of a vaulting request:
- `SUCCESS`: the payment method is vaulted; `paymentMethodDetail` carries the card token.
- `FAIL`: the vaulting failed; see `vaultingResultCode`.
- `PROCESSING`: the vaulting is in progress (e.g. waiting for the buyer's 3DS verification).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum VaultingStatus {
        #[serde(rename = "SUCCESS")]
        Success,
        #[serde(rename = "FAIL")]
        Fail,
        #[serde(rename = "PROCESSING")]
        Processing,
    }
    impl ::std::fmt::Display for VaultingStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Success => f.write_str("SUCCESS"),
                Self::Fail => f.write_str("FAIL"),
                Self::Processing => f.write_str("PROCESSING"),
            }
        }
    }
    impl ::std::str::FromStr for VaultingStatus {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "SUCCESS" => Ok(Self::Success),
                "FAIL" => Ok(Self::Fail),
                "PROCESSING" => Ok(Self::Processing),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for VaultingStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for VaultingStatus {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct AcquirerInfo {
            acquirer_account_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            acquirer_card_token: ::std::result::Result<
                ::std::option::Option<crate::card::CardToken>,
                ::std::string::String,
            >,
            acquirer_fingerprint: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            acquirer_merchant_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            acquirer_merchant_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            acquirer_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            acquirer_reason_description: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            acquirer_result_code: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            acquirer_result_message: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            acquirer_transaction_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            ptsp_transaction_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            reference_request_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for AcquirerInfo {
            fn default() -> Self {
                Self {
                    acquirer_account_name: Ok(Default::default()),
                    acquirer_card_token: Ok(Default::default()),
                    acquirer_fingerprint: Ok(Default::default()),
                    acquirer_merchant_id: Ok(Default::default()),
                    acquirer_merchant_name: Ok(Default::default()),
                    acquirer_name: Ok(Default::default()),
                    acquirer_reason_description: Ok(Default::default()),
                    acquirer_result_code: Ok(Default::default()),
                    acquirer_result_message: Ok(Default::default()),
                    acquirer_transaction_id: Ok(Default::default()),
                    ptsp_transaction_id: Ok(Default::default()),
                    reference_request_id: Ok(Default::default()),
                }
            }
        }
        impl AcquirerInfo {
            pub fn acquirer_account_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_account_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_account_name: {e}"
                        )
                    });
                self
            }
            pub fn acquirer_card_token<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::CardToken>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_card_token = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_card_token: {e}"
                        )
                    });
                self
            }
            pub fn acquirer_fingerprint<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_fingerprint = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_fingerprint: {e}"
                        )
                    });
                self
            }
            pub fn acquirer_merchant_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_merchant_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_merchant_id: {e}"
                        )
                    });
                self
            }
            pub fn acquirer_merchant_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_merchant_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_merchant_name: {e}"
                        )
                    });
                self
            }
            pub fn acquirer_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for acquirer_name: {e}")
                    });
                self
            }
            pub fn acquirer_reason_description<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_reason_description = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_reason_description: {e}"
                        )
                    });
                self
            }
            pub fn acquirer_result_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_result_code = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_result_code: {e}"
                        )
                    });
                self
            }
            pub fn acquirer_result_message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_result_message = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_result_message: {e}"
                        )
                    });
                self
            }
            pub fn acquirer_transaction_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_transaction_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for acquirer_transaction_id: {e}"
                        )
                    });
                self
            }
            pub fn ptsp_transaction_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.ptsp_transaction_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for ptsp_transaction_id: {e}"
                        )
                    });
                self
            }
            pub fn reference_request_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.reference_request_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for reference_request_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<AcquirerInfo> for super::AcquirerInfo {
            type Error = super::error::ConversionError;
            fn try_from(
                value: AcquirerInfo,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    acquirer_account_name: value.acquirer_account_name?,
                    acquirer_card_token: value.acquirer_card_token?,
                    acquirer_fingerprint: value.acquirer_fingerprint?,
                    acquirer_merchant_id: value.acquirer_merchant_id?,
                    acquirer_merchant_name: value.acquirer_merchant_name?,
                    acquirer_name: value.acquirer_name?,
                    acquirer_reason_description: value.acquirer_reason_description?,
                    acquirer_result_code: value.acquirer_result_code?,
                    acquirer_result_message: value.acquirer_result_message?,
                    acquirer_transaction_id: value.acquirer_transaction_id?,
                    ptsp_transaction_id: value.ptsp_transaction_id?,
                    reference_request_id: value.reference_request_id?,
                })
            }
        }
        impl ::std::convert::From<super::AcquirerInfo> for AcquirerInfo {
            fn from(value: super::AcquirerInfo) -> Self {
                Self {
                    acquirer_account_name: Ok(value.acquirer_account_name),
                    acquirer_card_token: Ok(value.acquirer_card_token),
                    acquirer_fingerprint: Ok(value.acquirer_fingerprint),
                    acquirer_merchant_id: Ok(value.acquirer_merchant_id),
                    acquirer_merchant_name: Ok(value.acquirer_merchant_name),
                    acquirer_name: Ok(value.acquirer_name),
                    acquirer_reason_description: Ok(value.acquirer_reason_description),
                    acquirer_result_code: Ok(value.acquirer_result_code),
                    acquirer_result_message: Ok(value.acquirer_result_message),
                    acquirer_transaction_id: Ok(value.acquirer_transaction_id),
                    ptsp_transaction_id: Ok(value.ptsp_transaction_id),
                    reference_request_id: Ok(value.reference_request_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Address {
            address1: ::std::result::Result<
                ::std::option::Option<crate::card::AddressLine>,
                ::std::string::String,
            >,
            address2: ::std::result::Result<
                ::std::option::Option<crate::card::AddressLine>,
                ::std::string::String,
            >,
            address3: ::std::result::Result<
                ::std::option::Option<crate::card::AddressLine>,
                ::std::string::String,
            >,
            city: ::std::result::Result<
                ::std::option::Option<crate::card::City>,
                ::std::string::String,
            >,
            country: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            label: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            region: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            state: ::std::result::Result<
                ::std::option::Option<crate::card::StateOrProvince>,
                ::std::string::String,
            >,
            zip_code: ::std::result::Result<
                ::std::option::Option<crate::card::PostalCode>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Address {
            fn default() -> Self {
                Self {
                    address1: Ok(Default::default()),
                    address2: Ok(Default::default()),
                    address3: Ok(Default::default()),
                    city: Ok(Default::default()),
                    country: Ok(Default::default()),
                    label: Ok(Default::default()),
                    region: Ok(Default::default()),
                    state: Ok(Default::default()),
                    zip_code: Ok(Default::default()),
                }
            }
        }
        impl Address {
            pub fn address1<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::AddressLine>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.address1 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address1: {e}")
                    });
                self
            }
            pub fn address2<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::AddressLine>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.address2 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address2: {e}")
                    });
                self
            }
            pub fn address3<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::AddressLine>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.address3 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address3: {e}")
                    });
                self
            }
            pub fn city<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::card::City>>,
                T::Error: ::std::fmt::Display,
            {
                self.city = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for city: {e}")
                    });
                self
            }
            pub fn country<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.country = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for country: {e}")
                    });
                self
            }
            pub fn label<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.label = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for label: {e}")
                    });
                self
            }
            pub fn region<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.region = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for region: {e}")
                    });
                self
            }
            pub fn state<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::StateOrProvince>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.state = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for state: {e}")
                    });
                self
            }
            pub fn zip_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::PostalCode>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.zip_code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for zip_code: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Address> for super::Address {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Address,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    address1: value.address1?,
                    address2: value.address2?,
                    address3: value.address3?,
                    city: value.city?,
                    country: value.country?,
                    label: value.label?,
                    region: value.region?,
                    state: value.state?,
                    zip_code: value.zip_code?,
                })
            }
        }
        impl ::std::convert::From<super::Address> for Address {
            fn from(value: super::Address) -> Self {
                Self {
                    address1: Ok(value.address1),
                    address2: Ok(value.address2),
                    address3: Ok(value.address3),
                    city: Ok(value.city),
                    country: Ok(value.country),
                    label: Ok(value.label),
                    region: Ok(value.region),
                    state: Ok(value.state),
                    zip_code: Ok(value.zip_code),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct BrowserInfo {
            accept_header: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            java_enabled: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            java_script_enabled: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            language: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            user_agent: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for BrowserInfo {
            fn default() -> Self {
                Self {
                    accept_header: Ok(Default::default()),
                    java_enabled: Ok(Default::default()),
                    java_script_enabled: Ok(Default::default()),
                    language: Ok(Default::default()),
                    user_agent: Ok(Default::default()),
                }
            }
        }
        impl BrowserInfo {
            pub fn accept_header<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.accept_header = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for accept_header: {e}")
                    });
                self
            }
            pub fn java_enabled<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.java_enabled = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for java_enabled: {e}")
                    });
                self
            }
            pub fn java_script_enabled<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.java_script_enabled = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for java_script_enabled: {e}"
                        )
                    });
                self
            }
            pub fn language<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.language = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for language: {e}")
                    });
                self
            }
            pub fn user_agent<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.user_agent = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for user_agent: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<BrowserInfo> for super::BrowserInfo {
            type Error = super::error::ConversionError;
            fn try_from(
                value: BrowserInfo,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    accept_header: value.accept_header?,
                    java_enabled: value.java_enabled?,
                    java_script_enabled: value.java_script_enabled?,
                    language: value.language?,
                    user_agent: value.user_agent?,
                })
            }
        }
        impl ::std::convert::From<super::BrowserInfo> for BrowserInfo {
            fn from(value: super::BrowserInfo) -> Self {
                Self {
                    accept_header: Ok(value.accept_header),
                    java_enabled: Ok(value.java_enabled),
                    java_script_enabled: Ok(value.java_script_enabled),
                    language: Ok(value.language),
                    user_agent: Ok(value.user_agent),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Card {
            billing_address: ::std::result::Result<
                ::std::option::Option<super::Address>,
                ::std::string::String,
            >,
            brand: ::std::result::Result<
                ::std::option::Option<super::CardBrand>,
                ::std::string::String,
            >,
            business_no: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            business_registration_no: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            card_no: ::std::result::Result<
                crate::card::CardNumber,
                ::std::string::String,
            >,
            card_password_digest: ::std::result::Result<
                ::std::option::Option<crate::card::CardPasswordDigest>,
                ::std::string::String,
            >,
            cardholder_name: ::std::result::Result<
                ::std::option::Option<super::UserName>,
                ::std::string::String,
            >,
            cpf: ::std::result::Result<
                ::std::option::Option<crate::card::Cpf>,
                ::std::string::String,
            >,
            cvv: ::std::result::Result<
                ::std::option::Option<crate::card::Cvv>,
                ::std::string::String,
            >,
            date_of_birth: ::std::result::Result<
                ::std::option::Option<crate::card::DateOfBirth>,
                ::std::string::String,
            >,
            expiry_month: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            expiry_year: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            payer_email: ::std::result::Result<
                ::std::option::Option<crate::card::Email>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Card {
            fn default() -> Self {
                Self {
                    billing_address: Ok(Default::default()),
                    brand: Ok(Default::default()),
                    business_no: Ok(Default::default()),
                    business_registration_no: Ok(Default::default()),
                    card_no: Err("no value supplied for card_no".to_string()),
                    card_password_digest: Ok(Default::default()),
                    cardholder_name: Ok(Default::default()),
                    cpf: Ok(Default::default()),
                    cvv: Ok(Default::default()),
                    date_of_birth: Ok(Default::default()),
                    expiry_month: Err("no value supplied for expiry_month".to_string()),
                    expiry_year: Err("no value supplied for expiry_year".to_string()),
                    payer_email: Ok(Default::default()),
                }
            }
        }
        impl Card {
            pub fn billing_address<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Address>>,
                T::Error: ::std::fmt::Display,
            {
                self.billing_address = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for billing_address: {e}"
                        )
                    });
                self
            }
            pub fn brand<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::CardBrand>>,
                T::Error: ::std::fmt::Display,
            {
                self.brand = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for brand: {e}")
                    });
                self
            }
            pub fn business_no<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.business_no = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for business_no: {e}")
                    });
                self
            }
            pub fn business_registration_no<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.business_registration_no = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for business_registration_no: {e}"
                        )
                    });
                self
            }
            pub fn card_no<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::card::CardNumber>,
                T::Error: ::std::fmt::Display,
            {
                self.card_no = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for card_no: {e}")
                    });
                self
            }
            pub fn card_password_digest<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::CardPasswordDigest>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.card_password_digest = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for card_password_digest: {e}"
                        )
                    });
                self
            }
            pub fn cardholder_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::UserName>>,
                T::Error: ::std::fmt::Display,
            {
                self.cardholder_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for cardholder_name: {e}"
                        )
                    });
                self
            }
            pub fn cpf<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::card::Cpf>>,
                T::Error: ::std::fmt::Display,
            {
                self.cpf = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for cpf: {e}")
                    });
                self
            }
            pub fn cvv<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::card::Cvv>>,
                T::Error: ::std::fmt::Display,
            {
                self.cvv = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for cvv: {e}")
                    });
                self
            }
            pub fn date_of_birth<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::DateOfBirth>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.date_of_birth = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for date_of_birth: {e}")
                    });
                self
            }
            pub fn expiry_month<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.expiry_month = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for expiry_month: {e}")
                    });
                self
            }
            pub fn expiry_year<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.expiry_year = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for expiry_year: {e}")
                    });
                self
            }
            pub fn payer_email<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::card::Email>>,
                T::Error: ::std::fmt::Display,
            {
                self.payer_email = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for payer_email: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Card> for super::Card {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Card,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    billing_address: value.billing_address?,
                    brand: value.brand?,
                    business_no: value.business_no?,
                    business_registration_no: value.business_registration_no?,
                    card_no: value.card_no?,
                    card_password_digest: value.card_password_digest?,
                    cardholder_name: value.cardholder_name?,
                    cpf: value.cpf?,
                    cvv: value.cvv?,
                    date_of_birth: value.date_of_birth?,
                    expiry_month: value.expiry_month?,
                    expiry_year: value.expiry_year?,
                    payer_email: value.payer_email?,
                })
            }
        }
        impl ::std::convert::From<super::Card> for Card {
            fn from(value: super::Card) -> Self {
                Self {
                    billing_address: Ok(value.billing_address),
                    brand: Ok(value.brand),
                    business_no: Ok(value.business_no),
                    business_registration_no: Ok(value.business_registration_no),
                    card_no: Ok(value.card_no),
                    card_password_digest: Ok(value.card_password_digest),
                    cardholder_name: Ok(value.cardholder_name),
                    cpf: Ok(value.cpf),
                    cvv: Ok(value.cvv),
                    date_of_birth: Ok(value.date_of_birth),
                    expiry_month: Ok(value.expiry_month),
                    expiry_year: Ok(value.expiry_year),
                    payer_email: Ok(value.payer_email),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CustomizedInfo {
            customized_field1: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            customized_field2: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            customized_field3: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            customized_field4: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            customized_field5: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CustomizedInfo {
            fn default() -> Self {
                Self {
                    customized_field1: Ok(Default::default()),
                    customized_field2: Ok(Default::default()),
                    customized_field3: Ok(Default::default()),
                    customized_field4: Ok(Default::default()),
                    customized_field5: Ok(Default::default()),
                }
            }
        }
        impl CustomizedInfo {
            pub fn customized_field1<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field1 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field1: {e}"
                        )
                    });
                self
            }
            pub fn customized_field2<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field2 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field2: {e}"
                        )
                    });
                self
            }
            pub fn customized_field3<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field3 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field3: {e}"
                        )
                    });
                self
            }
            pub fn customized_field4<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field4 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field4: {e}"
                        )
                    });
                self
            }
            pub fn customized_field5<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field5 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field5: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CustomizedInfo> for super::CustomizedInfo {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CustomizedInfo,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    customized_field1: value.customized_field1?,
                    customized_field2: value.customized_field2?,
                    customized_field3: value.customized_field3?,
                    customized_field4: value.customized_field4?,
                    customized_field5: value.customized_field5?,
                })
            }
        }
        impl ::std::convert::From<super::CustomizedInfo> for CustomizedInfo {
            fn from(value: super::CustomizedInfo) -> Self {
                Self {
                    customized_field1: Ok(value.customized_field1),
                    customized_field2: Ok(value.customized_field2),
                    customized_field3: Ok(value.customized_field3),
                    customized_field4: Ok(value.customized_field4),
                    customized_field5: Ok(value.customized_field5),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Env {
            browser_info: ::std::result::Result<
                ::std::option::Option<super::BrowserInfo>,
                ::std::string::String,
            >,
            client_ip: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            color_depth: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            cookie_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            device_brand: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            device_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            device_language: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            device_model: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            device_token_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            extend_info: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            os_type: ::std::result::Result<
                ::std::option::Option<super::OsType>,
                ::std::string::String,
            >,
            os_version: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            screen_height: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            screen_width: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            store_terminal_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            store_terminal_request_time: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            terminal_type: ::std::result::Result<
                super::TerminalType,
                ::std::string::String,
            >,
            time_zone_offset: ::std::result::Result<
                ::std::option::Option<i32>,
                ::std::string::String,
            >,
            user_agent: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Env {
            fn default() -> Self {
                Self {
                    browser_info: Ok(Default::default()),
                    client_ip: Ok(Default::default()),
                    color_depth: Ok(Default::default()),
                    cookie_id: Ok(Default::default()),
                    device_brand: Ok(Default::default()),
                    device_id: Ok(Default::default()),
                    device_language: Ok(Default::default()),
                    device_model: Ok(Default::default()),
                    device_token_id: Ok(Default::default()),
                    extend_info: Ok(Default::default()),
                    os_type: Ok(Default::default()),
                    os_version: Ok(Default::default()),
                    screen_height: Ok(Default::default()),
                    screen_width: Ok(Default::default()),
                    store_terminal_id: Ok(Default::default()),
                    store_terminal_request_time: Ok(Default::default()),
                    terminal_type: Err(
                        "no value supplied for terminal_type".to_string(),
                    ),
                    time_zone_offset: Ok(Default::default()),
                    user_agent: Ok(Default::default()),
                }
            }
        }
        impl Env {
            pub fn browser_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::BrowserInfo>>,
                T::Error: ::std::fmt::Display,
            {
                self.browser_info = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for browser_info: {e}")
                    });
                self
            }
            pub fn client_ip<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.client_ip = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for client_ip: {e}")
                    });
                self
            }
            pub fn color_depth<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.color_depth = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for color_depth: {e}")
                    });
                self
            }
            pub fn cookie_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.cookie_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for cookie_id: {e}")
                    });
                self
            }
            pub fn device_brand<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.device_brand = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for device_brand: {e}")
                    });
                self
            }
            pub fn device_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.device_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for device_id: {e}")
                    });
                self
            }
            pub fn device_language<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.device_language = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for device_language: {e}"
                        )
                    });
                self
            }
            pub fn device_model<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.device_model = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for device_model: {e}")
                    });
                self
            }
            pub fn device_token_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.device_token_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for device_token_id: {e}"
                        )
                    });
                self
            }
            pub fn extend_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.extend_info = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for extend_info: {e}")
                    });
                self
            }
            pub fn os_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::OsType>>,
                T::Error: ::std::fmt::Display,
            {
                self.os_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for os_type: {e}")
                    });
                self
            }
            pub fn os_version<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.os_version = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for os_version: {e}")
                    });
                self
            }
            pub fn screen_height<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.screen_height = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for screen_height: {e}")
                    });
                self
            }
            pub fn screen_width<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.screen_width = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for screen_width: {e}")
                    });
                self
            }
            pub fn store_terminal_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.store_terminal_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for store_terminal_id: {e}"
                        )
                    });
                self
            }
            pub fn store_terminal_request_time<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.store_terminal_request_time = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for store_terminal_request_time: {e}"
                        )
                    });
                self
            }
            pub fn terminal_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::TerminalType>,
                T::Error: ::std::fmt::Display,
            {
                self.terminal_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for terminal_type: {e}")
                    });
                self
            }
            pub fn time_zone_offset<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i32>>,
                T::Error: ::std::fmt::Display,
            {
                self.time_zone_offset = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for time_zone_offset: {e}"
                        )
                    });
                self
            }
            pub fn user_agent<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.user_agent = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for user_agent: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Env> for super::Env {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Env,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    browser_info: value.browser_info?,
                    client_ip: value.client_ip?,
                    color_depth: value.color_depth?,
                    cookie_id: value.cookie_id?,
                    device_brand: value.device_brand?,
                    device_id: value.device_id?,
                    device_language: value.device_language?,
                    device_model: value.device_model?,
                    device_token_id: value.device_token_id?,
                    extend_info: value.extend_info?,
                    os_type: value.os_type?,
                    os_version: value.os_version?,
                    screen_height: value.screen_height?,
                    screen_width: value.screen_width?,
                    store_terminal_id: value.store_terminal_id?,
                    store_terminal_request_time: value.store_terminal_request_time?,
                    terminal_type: value.terminal_type?,
                    time_zone_offset: value.time_zone_offset?,
                    user_agent: value.user_agent?,
                })
            }
        }
        impl ::std::convert::From<super::Env> for Env {
            fn from(value: super::Env) -> Self {
                Self {
                    browser_info: Ok(value.browser_info),
                    client_ip: Ok(value.client_ip),
                    color_depth: Ok(value.color_depth),
                    cookie_id: Ok(value.cookie_id),
                    device_brand: Ok(value.device_brand),
                    device_id: Ok(value.device_id),
                    device_language: Ok(value.device_language),
                    device_model: Ok(value.device_model),
                    device_token_id: Ok(value.device_token_id),
                    extend_info: Ok(value.extend_info),
                    os_type: Ok(value.os_type),
                    os_version: Ok(value.os_version),
                    screen_height: Ok(value.screen_height),
                    screen_width: Ok(value.screen_width),
                    store_terminal_id: Ok(value.store_terminal_id),
                    store_terminal_request_time: Ok(value.store_terminal_request_time),
                    terminal_type: Ok(value.terminal_type),
                    time_zone_offset: Ok(value.time_zone_offset),
                    user_agent: Ok(value.user_agent),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InquireVaultingRequest {
            merchant_account_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            vaulting_request_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InquireVaultingRequest {
            fn default() -> Self {
                Self {
                    merchant_account_id: Ok(Default::default()),
                    vaulting_request_id: Err(
                        "no value supplied for vaulting_request_id".to_string(),
                    ),
                }
            }
        }
        impl InquireVaultingRequest {
            pub fn merchant_account_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.merchant_account_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for merchant_account_id: {e}"
                        )
                    });
                self
            }
            pub fn vaulting_request_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_request_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_request_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<InquireVaultingRequest>
        for super::InquireVaultingRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InquireVaultingRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    merchant_account_id: value.merchant_account_id?,
                    vaulting_request_id: value.vaulting_request_id?,
                })
            }
        }
        impl ::std::convert::From<super::InquireVaultingRequest>
        for InquireVaultingRequest {
            fn from(value: super::InquireVaultingRequest) -> Self {
                Self {
                    merchant_account_id: Ok(value.merchant_account_id),
                    vaulting_request_id: Ok(value.vaulting_request_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InquireVaultingResponse {
            acquirer_info: ::std::result::Result<
                ::std::option::Option<super::AcquirerInfo>,
                ::std::string::String,
            >,
            app_link_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            applink_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            metadata: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            normal_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            payment_method_detail: ::std::result::Result<
                ::std::option::Option<super::VaultedPaymentMethodDetail>,
                ::std::string::String,
            >,
            result: ::std::result::Result<super::Result, ::std::string::String>,
            scheme_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            vaulting_request_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            vaulting_result_code: ::std::result::Result<
                ::std::option::Option<
                    crate::open_enum::Open<crate::types::VaultingResultCode>,
                >,
                ::std::string::String,
            >,
            vaulting_result_message: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            vaulting_status: ::std::result::Result<
                ::std::option::Option<
                    crate::open_enum::Open<crate::types::VaultingStatus>,
                >,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InquireVaultingResponse {
            fn default() -> Self {
                Self {
                    acquirer_info: Ok(Default::default()),
                    app_link_url: Ok(Default::default()),
                    applink_url: Ok(Default::default()),
                    metadata: Ok(Default::default()),
                    normal_url: Ok(Default::default()),
                    payment_method_detail: Ok(Default::default()),
                    result: Err("no value supplied for result".to_string()),
                    scheme_url: Ok(Default::default()),
                    vaulting_request_id: Ok(Default::default()),
                    vaulting_result_code: Ok(Default::default()),
                    vaulting_result_message: Ok(Default::default()),
                    vaulting_status: Ok(Default::default()),
                }
            }
        }
        impl InquireVaultingResponse {
            pub fn acquirer_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::AcquirerInfo>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_info = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for acquirer_info: {e}")
                    });
                self
            }
            pub fn app_link_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.app_link_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for app_link_url: {e}")
                    });
                self
            }
            pub fn applink_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.applink_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for applink_url: {e}")
                    });
                self
            }
            pub fn metadata<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.metadata = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for metadata: {e}")
                    });
                self
            }
            pub fn normal_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.normal_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for normal_url: {e}")
                    });
                self
            }
            pub fn payment_method_detail<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::VaultedPaymentMethodDetail>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_detail = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_detail: {e}"
                        )
                    });
                self
            }
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Result>,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
            pub fn scheme_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.scheme_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for scheme_url: {e}")
                    });
                self
            }
            pub fn vaulting_request_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_request_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_request_id: {e}"
                        )
                    });
                self
            }
            pub fn vaulting_result_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        crate::open_enum::Open<crate::types::VaultingResultCode>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_result_code = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_result_code: {e}"
                        )
                    });
                self
            }
            pub fn vaulting_result_message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_result_message = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_result_message: {e}"
                        )
                    });
                self
            }
            pub fn vaulting_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        crate::open_enum::Open<crate::types::VaultingStatus>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_status = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_status: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<InquireVaultingResponse>
        for super::InquireVaultingResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InquireVaultingResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    acquirer_info: value.acquirer_info?,
                    app_link_url: value.app_link_url?,
                    applink_url: value.applink_url?,
                    metadata: value.metadata?,
                    normal_url: value.normal_url?,
                    payment_method_detail: value.payment_method_detail?,
                    result: value.result?,
                    scheme_url: value.scheme_url?,
                    vaulting_request_id: value.vaulting_request_id?,
                    vaulting_result_code: value.vaulting_result_code?,
                    vaulting_result_message: value.vaulting_result_message?,
                    vaulting_status: value.vaulting_status?,
                })
            }
        }
        impl ::std::convert::From<super::InquireVaultingResponse>
        for InquireVaultingResponse {
            fn from(value: super::InquireVaultingResponse) -> Self {
                Self {
                    acquirer_info: Ok(value.acquirer_info),
                    app_link_url: Ok(value.app_link_url),
                    applink_url: Ok(value.applink_url),
                    metadata: Ok(value.metadata),
                    normal_url: Ok(value.normal_url),
                    payment_method_detail: Ok(value.payment_method_detail),
                    result: Ok(value.result),
                    scheme_url: Ok(value.scheme_url),
                    vaulting_request_id: Ok(value.vaulting_request_id),
                    vaulting_result_code: Ok(value.vaulting_result_code),
                    vaulting_result_message: Ok(value.vaulting_result_message),
                    vaulting_status: Ok(value.vaulting_status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct NotifyVaultingAcknowledgement {
            result: ::std::result::Result<super::Result, ::std::string::String>,
        }
        impl ::std::default::Default for NotifyVaultingAcknowledgement {
            fn default() -> Self {
                Self {
                    result: Err("no value supplied for result".to_string()),
                }
            }
        }
        impl NotifyVaultingAcknowledgement {
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Result>,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<NotifyVaultingAcknowledgement>
        for super::NotifyVaultingAcknowledgement {
            type Error = super::error::ConversionError;
            fn try_from(
                value: NotifyVaultingAcknowledgement,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { result: value.result? })
            }
        }
        impl ::std::convert::From<super::NotifyVaultingAcknowledgement>
        for NotifyVaultingAcknowledgement {
            fn from(value: super::NotifyVaultingAcknowledgement) -> Self {
                Self { result: Ok(value.result) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct NotifyVaultingRequest {
            acquirer_info: ::std::result::Result<
                ::std::option::Option<super::AcquirerInfo>,
                ::std::string::String,
            >,
            customized_info: ::std::result::Result<
                ::std::option::Option<super::VaultedCustomizedInfo>,
                ::std::string::String,
            >,
            metadata: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            notify_type: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            payment_method_detail: ::std::result::Result<
                ::std::option::Option<super::VaultedPaymentMethodDetail>,
                ::std::string::String,
            >,
            result: ::std::result::Result<super::Result, ::std::string::String>,
            vaulting_create_time: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            vaulting_request_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            vaulting_status: ::std::result::Result<
                ::std::option::Option<
                    crate::open_enum::Open<crate::types::VaultingStatus>,
                >,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for NotifyVaultingRequest {
            fn default() -> Self {
                Self {
                    acquirer_info: Ok(Default::default()),
                    customized_info: Ok(Default::default()),
                    metadata: Ok(Default::default()),
                    notify_type: Ok(Default::default()),
                    payment_method_detail: Ok(Default::default()),
                    result: Err("no value supplied for result".to_string()),
                    vaulting_create_time: Ok(Default::default()),
                    vaulting_request_id: Err(
                        "no value supplied for vaulting_request_id".to_string(),
                    ),
                    vaulting_status: Ok(Default::default()),
                }
            }
        }
        impl NotifyVaultingRequest {
            pub fn acquirer_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::AcquirerInfo>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_info = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for acquirer_info: {e}")
                    });
                self
            }
            pub fn customized_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::VaultedCustomizedInfo>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.customized_info = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_info: {e}"
                        )
                    });
                self
            }
            pub fn metadata<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.metadata = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for metadata: {e}")
                    });
                self
            }
            pub fn notify_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.notify_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for notify_type: {e}")
                    });
                self
            }
            pub fn payment_method_detail<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::VaultedPaymentMethodDetail>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_detail = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_detail: {e}"
                        )
                    });
                self
            }
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Result>,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
            pub fn vaulting_create_time<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_create_time = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_create_time: {e}"
                        )
                    });
                self
            }
            pub fn vaulting_request_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_request_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_request_id: {e}"
                        )
                    });
                self
            }
            pub fn vaulting_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        crate::open_enum::Open<crate::types::VaultingStatus>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_status = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_status: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<NotifyVaultingRequest>
        for super::NotifyVaultingRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: NotifyVaultingRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    acquirer_info: value.acquirer_info?,
                    customized_info: value.customized_info?,
                    metadata: value.metadata?,
                    notify_type: value.notify_type?,
                    payment_method_detail: value.payment_method_detail?,
                    result: value.result?,
                    vaulting_create_time: value.vaulting_create_time?,
                    vaulting_request_id: value.vaulting_request_id?,
                    vaulting_status: value.vaulting_status?,
                })
            }
        }
        impl ::std::convert::From<super::NotifyVaultingRequest>
        for NotifyVaultingRequest {
            fn from(value: super::NotifyVaultingRequest) -> Self {
                Self {
                    acquirer_info: Ok(value.acquirer_info),
                    customized_info: Ok(value.customized_info),
                    metadata: Ok(value.metadata),
                    notify_type: Ok(value.notify_type),
                    payment_method_detail: Ok(value.payment_method_detail),
                    result: Ok(value.result),
                    vaulting_create_time: Ok(value.vaulting_create_time),
                    vaulting_request_id: Ok(value.vaulting_request_id),
                    vaulting_status: Ok(value.vaulting_status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PaymentMethodDetail {
            card: ::std::result::Result<super::Card, ::std::string::String>,
            payment_method_type: ::std::result::Result<
                super::PaymentMethodType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PaymentMethodDetail {
            fn default() -> Self {
                Self {
                    card: Err("no value supplied for card".to_string()),
                    payment_method_type: Err(
                        "no value supplied for payment_method_type".to_string(),
                    ),
                }
            }
        }
        impl PaymentMethodDetail {
            pub fn card<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Card>,
                T::Error: ::std::fmt::Display,
            {
                self.card = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for card: {e}")
                    });
                self
            }
            pub fn payment_method_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PaymentMethodType>,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_type = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_type: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PaymentMethodDetail>
        for super::PaymentMethodDetail {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PaymentMethodDetail,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    card: value.card?,
                    payment_method_type: value.payment_method_type?,
                })
            }
        }
        impl ::std::convert::From<super::PaymentMethodDetail> for PaymentMethodDetail {
            fn from(value: super::PaymentMethodDetail) -> Self {
                Self {
                    card: Ok(value.card),
                    payment_method_type: Ok(value.payment_method_type),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Result {
            result_code: ::std::result::Result<
                crate::open_enum::Open<crate::types::ResultCode>,
                ::std::string::String,
            >,
            result_message: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            result_status: ::std::result::Result<
                crate::open_enum::Open<crate::types::ResultStatus>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Result {
            fn default() -> Self {
                Self {
                    result_code: Err("no value supplied for result_code".to_string()),
                    result_message: Ok(Default::default()),
                    result_status: Err("no value supplied for result_status".to_string()),
                }
            }
        }
        impl Result {
            pub fn result_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    crate::open_enum::Open<crate::types::ResultCode>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.result_code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result_code: {e}")
                    });
                self
            }
            pub fn result_message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.result_message = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for result_message: {e}"
                        )
                    });
                self
            }
            pub fn result_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    crate::open_enum::Open<crate::types::ResultStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.result_status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result_status: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Result> for super::Result {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Result,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    result_code: value.result_code?,
                    result_message: value.result_message?,
                    result_status: value.result_status?,
                })
            }
        }
        impl ::std::convert::From<super::Result> for Result {
            fn from(value: super::Result) -> Self {
                Self {
                    result_code: Ok(value.result_code),
                    result_message: Ok(value.result_message),
                    result_status: Ok(value.result_status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct UserName {
            first_name: ::std::result::Result<
                ::std::option::Option<crate::card::PersonName>,
                ::std::string::String,
            >,
            full_name: ::std::result::Result<
                ::std::option::Option<crate::card::FullName>,
                ::std::string::String,
            >,
            last_name: ::std::result::Result<
                ::std::option::Option<crate::card::PersonName>,
                ::std::string::String,
            >,
            middle_name: ::std::result::Result<
                ::std::option::Option<crate::card::PersonName>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for UserName {
            fn default() -> Self {
                Self {
                    first_name: Ok(Default::default()),
                    full_name: Ok(Default::default()),
                    last_name: Ok(Default::default()),
                    middle_name: Ok(Default::default()),
                }
            }
        }
        impl UserName {
            pub fn first_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::PersonName>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.first_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for first_name: {e}")
                    });
                self
            }
            pub fn full_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::card::FullName>>,
                T::Error: ::std::fmt::Display,
            {
                self.full_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for full_name: {e}")
                    });
                self
            }
            pub fn last_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::PersonName>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.last_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for last_name: {e}")
                    });
                self
            }
            pub fn middle_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::PersonName>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.middle_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for middle_name: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<UserName> for super::UserName {
            type Error = super::error::ConversionError;
            fn try_from(
                value: UserName,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    first_name: value.first_name?,
                    full_name: value.full_name?,
                    last_name: value.last_name?,
                    middle_name: value.middle_name?,
                })
            }
        }
        impl ::std::convert::From<super::UserName> for UserName {
            fn from(value: super::UserName) -> Self {
                Self {
                    first_name: Ok(value.first_name),
                    full_name: Ok(value.full_name),
                    last_name: Ok(value.last_name),
                    middle_name: Ok(value.middle_name),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VaultPaymentMethodRequest {
            customized_info: ::std::result::Result<
                ::std::option::Option<super::CustomizedInfo>,
                ::std::string::String,
            >,
            env: ::std::result::Result<super::Env, ::std::string::String>,
            merchant_account_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            merchant_region: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            metadata: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            payment_method_detail: ::std::result::Result<
                super::PaymentMethodDetail,
                ::std::string::String,
            >,
            redirect_url: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            vaulting_currency: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            vaulting_notification_url: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            vaulting_request_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VaultPaymentMethodRequest {
            fn default() -> Self {
                Self {
                    customized_info: Ok(Default::default()),
                    env: Err("no value supplied for env".to_string()),
                    merchant_account_id: Ok(Default::default()),
                    merchant_region: Ok(Default::default()),
                    metadata: Ok(Default::default()),
                    payment_method_detail: Err(
                        "no value supplied for payment_method_detail".to_string(),
                    ),
                    redirect_url: Err("no value supplied for redirect_url".to_string()),
                    vaulting_currency: Ok(Default::default()),
                    vaulting_notification_url: Err(
                        "no value supplied for vaulting_notification_url".to_string(),
                    ),
                    vaulting_request_id: Err(
                        "no value supplied for vaulting_request_id".to_string(),
                    ),
                }
            }
        }
        impl VaultPaymentMethodRequest {
            pub fn customized_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::CustomizedInfo>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_info = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_info: {e}"
                        )
                    });
                self
            }
            pub fn env<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Env>,
                T::Error: ::std::fmt::Display,
            {
                self.env = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for env: {e}")
                    });
                self
            }
            pub fn merchant_account_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.merchant_account_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for merchant_account_id: {e}"
                        )
                    });
                self
            }
            pub fn merchant_region<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.merchant_region = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for merchant_region: {e}"
                        )
                    });
                self
            }
            pub fn metadata<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.metadata = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for metadata: {e}")
                    });
                self
            }
            pub fn payment_method_detail<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PaymentMethodDetail>,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_detail = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_detail: {e}"
                        )
                    });
                self
            }
            pub fn redirect_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.redirect_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for redirect_url: {e}")
                    });
                self
            }
            pub fn vaulting_currency<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_currency = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_currency: {e}"
                        )
                    });
                self
            }
            pub fn vaulting_notification_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_notification_url = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_notification_url: {e}"
                        )
                    });
                self
            }
            pub fn vaulting_request_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_request_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_request_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VaultPaymentMethodRequest>
        for super::VaultPaymentMethodRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VaultPaymentMethodRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    customized_info: value.customized_info?,
                    env: value.env?,
                    merchant_account_id: value.merchant_account_id?,
                    merchant_region: value.merchant_region?,
                    metadata: value.metadata?,
                    payment_method_detail: value.payment_method_detail?,
                    redirect_url: value.redirect_url?,
                    vaulting_currency: value.vaulting_currency?,
                    vaulting_notification_url: value.vaulting_notification_url?,
                    vaulting_request_id: value.vaulting_request_id?,
                })
            }
        }
        impl ::std::convert::From<super::VaultPaymentMethodRequest>
        for VaultPaymentMethodRequest {
            fn from(value: super::VaultPaymentMethodRequest) -> Self {
                Self {
                    customized_info: Ok(value.customized_info),
                    env: Ok(value.env),
                    merchant_account_id: Ok(value.merchant_account_id),
                    merchant_region: Ok(value.merchant_region),
                    metadata: Ok(value.metadata),
                    payment_method_detail: Ok(value.payment_method_detail),
                    redirect_url: Ok(value.redirect_url),
                    vaulting_currency: Ok(value.vaulting_currency),
                    vaulting_notification_url: Ok(value.vaulting_notification_url),
                    vaulting_request_id: Ok(value.vaulting_request_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VaultPaymentMethodResponse {
            acquirer_info: ::std::result::Result<
                ::std::option::Option<super::AcquirerInfo>,
                ::std::string::String,
            >,
            app_link_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            applink_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            normal_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            payment_method_detail: ::std::result::Result<
                ::std::option::Option<super::VaultedPaymentMethodDetail>,
                ::std::string::String,
            >,
            result: ::std::result::Result<super::Result, ::std::string::String>,
            scheme_url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            vaulting_request_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VaultPaymentMethodResponse {
            fn default() -> Self {
                Self {
                    acquirer_info: Ok(Default::default()),
                    app_link_url: Ok(Default::default()),
                    applink_url: Ok(Default::default()),
                    normal_url: Ok(Default::default()),
                    payment_method_detail: Ok(Default::default()),
                    result: Err("no value supplied for result".to_string()),
                    scheme_url: Ok(Default::default()),
                    vaulting_request_id: Ok(Default::default()),
                }
            }
        }
        impl VaultPaymentMethodResponse {
            pub fn acquirer_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::AcquirerInfo>>,
                T::Error: ::std::fmt::Display,
            {
                self.acquirer_info = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for acquirer_info: {e}")
                    });
                self
            }
            pub fn app_link_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.app_link_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for app_link_url: {e}")
                    });
                self
            }
            pub fn applink_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.applink_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for applink_url: {e}")
                    });
                self
            }
            pub fn normal_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.normal_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for normal_url: {e}")
                    });
                self
            }
            pub fn payment_method_detail<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::VaultedPaymentMethodDetail>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_detail = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_detail: {e}"
                        )
                    });
                self
            }
            pub fn result<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Result>,
                T::Error: ::std::fmt::Display,
            {
                self.result = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for result: {e}")
                    });
                self
            }
            pub fn scheme_url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.scheme_url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for scheme_url: {e}")
                    });
                self
            }
            pub fn vaulting_request_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.vaulting_request_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for vaulting_request_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VaultPaymentMethodResponse>
        for super::VaultPaymentMethodResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VaultPaymentMethodResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    acquirer_info: value.acquirer_info?,
                    app_link_url: value.app_link_url?,
                    applink_url: value.applink_url?,
                    normal_url: value.normal_url?,
                    payment_method_detail: value.payment_method_detail?,
                    result: value.result?,
                    scheme_url: value.scheme_url?,
                    vaulting_request_id: value.vaulting_request_id?,
                })
            }
        }
        impl ::std::convert::From<super::VaultPaymentMethodResponse>
        for VaultPaymentMethodResponse {
            fn from(value: super::VaultPaymentMethodResponse) -> Self {
                Self {
                    acquirer_info: Ok(value.acquirer_info),
                    app_link_url: Ok(value.app_link_url),
                    applink_url: Ok(value.applink_url),
                    normal_url: Ok(value.normal_url),
                    payment_method_detail: Ok(value.payment_method_detail),
                    result: Ok(value.result),
                    scheme_url: Ok(value.scheme_url),
                    vaulting_request_id: Ok(value.vaulting_request_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VaultedAddress {
            address1: ::std::result::Result<
                ::std::option::Option<crate::card::AddressLine>,
                ::std::string::String,
            >,
            address2: ::std::result::Result<
                ::std::option::Option<crate::card::AddressLine>,
                ::std::string::String,
            >,
            address3: ::std::result::Result<
                ::std::option::Option<crate::card::AddressLine>,
                ::std::string::String,
            >,
            city: ::std::result::Result<
                ::std::option::Option<crate::card::City>,
                ::std::string::String,
            >,
            country: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            label: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            region: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            state: ::std::result::Result<
                ::std::option::Option<crate::card::StateOrProvince>,
                ::std::string::String,
            >,
            zip_code: ::std::result::Result<
                ::std::option::Option<crate::card::PostalCode>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VaultedAddress {
            fn default() -> Self {
                Self {
                    address1: Ok(Default::default()),
                    address2: Ok(Default::default()),
                    address3: Ok(Default::default()),
                    city: Ok(Default::default()),
                    country: Ok(Default::default()),
                    label: Ok(Default::default()),
                    region: Ok(Default::default()),
                    state: Ok(Default::default()),
                    zip_code: Ok(Default::default()),
                }
            }
        }
        impl VaultedAddress {
            pub fn address1<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::AddressLine>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.address1 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address1: {e}")
                    });
                self
            }
            pub fn address2<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::AddressLine>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.address2 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address2: {e}")
                    });
                self
            }
            pub fn address3<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::AddressLine>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.address3 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address3: {e}")
                    });
                self
            }
            pub fn city<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::card::City>>,
                T::Error: ::std::fmt::Display,
            {
                self.city = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for city: {e}")
                    });
                self
            }
            pub fn country<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.country = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for country: {e}")
                    });
                self
            }
            pub fn label<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.label = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for label: {e}")
                    });
                self
            }
            pub fn region<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.region = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for region: {e}")
                    });
                self
            }
            pub fn state<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::StateOrProvince>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.state = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for state: {e}")
                    });
                self
            }
            pub fn zip_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::PostalCode>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.zip_code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for zip_code: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VaultedAddress> for super::VaultedAddress {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VaultedAddress,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    address1: value.address1?,
                    address2: value.address2?,
                    address3: value.address3?,
                    city: value.city?,
                    country: value.country?,
                    label: value.label?,
                    region: value.region?,
                    state: value.state?,
                    zip_code: value.zip_code?,
                })
            }
        }
        impl ::std::convert::From<super::VaultedAddress> for VaultedAddress {
            fn from(value: super::VaultedAddress) -> Self {
                Self {
                    address1: Ok(value.address1),
                    address2: Ok(value.address2),
                    address3: Ok(value.address3),
                    city: Ok(value.city),
                    country: Ok(value.country),
                    label: Ok(value.label),
                    region: Ok(value.region),
                    state: Ok(value.state),
                    zip_code: Ok(value.zip_code),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VaultedCard {
            authentication_flow: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            avs_result_raw: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            billing_address: ::std::result::Result<
                ::std::option::Option<super::VaultedAddress>,
                ::std::string::String,
            >,
            bin: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            brand: ::std::result::Result<
                ::std::option::Option<crate::open_enum::Open<crate::types::CardBrand>>,
                ::std::string::String,
            >,
            card_issuer: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            card_token: ::std::result::Result<
                ::std::option::Option<crate::card::CardToken>,
                ::std::string::String,
            >,
            cardholder_name: ::std::result::Result<
                ::std::option::Option<super::VaultedUserName>,
                ::std::string::String,
            >,
            country_issue: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            cvv_result_raw: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            expiry_month: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            expiry_year: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            fingerprint: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            funding: ::std::result::Result<
                ::std::option::Option<crate::open_enum::Open<crate::types::Funding>>,
                ::std::string::String,
            >,
            inst_user_name: ::std::result::Result<
                ::std::option::Option<super::VaultedUserName>,
                ::std::string::String,
            >,
            is3_ds_authentication: ::std::result::Result<
                ::std::option::Option<crate::lenient::Lenient<bool>>,
                ::std::string::String,
            >,
            issuer_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            issuing_country: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            last4: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            last_four: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            mask: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            masked_card_no: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            network_transaction_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            payment_method_detail_metadata: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            selected_card_brand: ::std::result::Result<
                ::std::option::Option<crate::open_enum::Open<crate::types::CardBrand>>,
                ::std::string::String,
            >,
            supported_brands: ::std::result::Result<
                ::std::vec::Vec<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VaultedCard {
            fn default() -> Self {
                Self {
                    authentication_flow: Ok(Default::default()),
                    avs_result_raw: Ok(Default::default()),
                    billing_address: Ok(Default::default()),
                    bin: Ok(Default::default()),
                    brand: Ok(Default::default()),
                    card_issuer: Ok(Default::default()),
                    card_token: Ok(Default::default()),
                    cardholder_name: Ok(Default::default()),
                    country_issue: Ok(Default::default()),
                    cvv_result_raw: Ok(Default::default()),
                    expiry_month: Ok(Default::default()),
                    expiry_year: Ok(Default::default()),
                    fingerprint: Ok(Default::default()),
                    funding: Ok(Default::default()),
                    inst_user_name: Ok(Default::default()),
                    is3_ds_authentication: Ok(Default::default()),
                    issuer_name: Ok(Default::default()),
                    issuing_country: Ok(Default::default()),
                    last4: Ok(Default::default()),
                    last_four: Ok(Default::default()),
                    mask: Ok(Default::default()),
                    masked_card_no: Ok(Default::default()),
                    network_transaction_id: Ok(Default::default()),
                    payment_method_detail_metadata: Ok(Default::default()),
                    selected_card_brand: Ok(Default::default()),
                    supported_brands: Ok(Default::default()),
                }
            }
        }
        impl VaultedCard {
            pub fn authentication_flow<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.authentication_flow = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for authentication_flow: {e}"
                        )
                    });
                self
            }
            pub fn avs_result_raw<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.avs_result_raw = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for avs_result_raw: {e}"
                        )
                    });
                self
            }
            pub fn billing_address<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::VaultedAddress>>,
                T::Error: ::std::fmt::Display,
            {
                self.billing_address = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for billing_address: {e}"
                        )
                    });
                self
            }
            pub fn bin<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.bin = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for bin: {e}")
                    });
                self
            }
            pub fn brand<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        crate::open_enum::Open<crate::types::CardBrand>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.brand = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for brand: {e}")
                    });
                self
            }
            pub fn card_issuer<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.card_issuer = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for card_issuer: {e}")
                    });
                self
            }
            pub fn card_token<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::CardToken>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.card_token = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for card_token: {e}")
                    });
                self
            }
            pub fn cardholder_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::VaultedUserName>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.cardholder_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for cardholder_name: {e}"
                        )
                    });
                self
            }
            pub fn country_issue<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.country_issue = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for country_issue: {e}")
                    });
                self
            }
            pub fn cvv_result_raw<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.cvv_result_raw = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for cvv_result_raw: {e}"
                        )
                    });
                self
            }
            pub fn expiry_month<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.expiry_month = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for expiry_month: {e}")
                    });
                self
            }
            pub fn expiry_year<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.expiry_year = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for expiry_year: {e}")
                    });
                self
            }
            pub fn fingerprint<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.fingerprint = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for fingerprint: {e}")
                    });
                self
            }
            pub fn funding<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::open_enum::Open<crate::types::Funding>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.funding = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for funding: {e}")
                    });
                self
            }
            pub fn inst_user_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::VaultedUserName>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.inst_user_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for inst_user_name: {e}"
                        )
                    });
                self
            }
            pub fn is3_ds_authentication<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::lenient::Lenient<bool>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.is3_ds_authentication = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for is3_ds_authentication: {e}"
                        )
                    });
                self
            }
            pub fn issuer_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.issuer_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for issuer_name: {e}")
                    });
                self
            }
            pub fn issuing_country<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.issuing_country = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for issuing_country: {e}"
                        )
                    });
                self
            }
            pub fn last4<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.last4 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for last4: {e}")
                    });
                self
            }
            pub fn last_four<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.last_four = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for last_four: {e}")
                    });
                self
            }
            pub fn mask<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.mask = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for mask: {e}")
                    });
                self
            }
            pub fn masked_card_no<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.masked_card_no = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for masked_card_no: {e}"
                        )
                    });
                self
            }
            pub fn network_transaction_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.network_transaction_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for network_transaction_id: {e}"
                        )
                    });
                self
            }
            pub fn payment_method_detail_metadata<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_detail_metadata = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_detail_metadata: {e}"
                        )
                    });
                self
            }
            pub fn selected_card_brand<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        crate::open_enum::Open<crate::types::CardBrand>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.selected_card_brand = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for selected_card_brand: {e}"
                        )
                    });
                self
            }
            pub fn supported_brands<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.supported_brands = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for supported_brands: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VaultedCard> for super::VaultedCard {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VaultedCard,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    authentication_flow: value.authentication_flow?,
                    avs_result_raw: value.avs_result_raw?,
                    billing_address: value.billing_address?,
                    bin: value.bin?,
                    brand: value.brand?,
                    card_issuer: value.card_issuer?,
                    card_token: value.card_token?,
                    cardholder_name: value.cardholder_name?,
                    country_issue: value.country_issue?,
                    cvv_result_raw: value.cvv_result_raw?,
                    expiry_month: value.expiry_month?,
                    expiry_year: value.expiry_year?,
                    fingerprint: value.fingerprint?,
                    funding: value.funding?,
                    inst_user_name: value.inst_user_name?,
                    is3_ds_authentication: value.is3_ds_authentication?,
                    issuer_name: value.issuer_name?,
                    issuing_country: value.issuing_country?,
                    last4: value.last4?,
                    last_four: value.last_four?,
                    mask: value.mask?,
                    masked_card_no: value.masked_card_no?,
                    network_transaction_id: value.network_transaction_id?,
                    payment_method_detail_metadata: value
                        .payment_method_detail_metadata?,
                    selected_card_brand: value.selected_card_brand?,
                    supported_brands: value.supported_brands?,
                })
            }
        }
        impl ::std::convert::From<super::VaultedCard> for VaultedCard {
            fn from(value: super::VaultedCard) -> Self {
                Self {
                    authentication_flow: Ok(value.authentication_flow),
                    avs_result_raw: Ok(value.avs_result_raw),
                    billing_address: Ok(value.billing_address),
                    bin: Ok(value.bin),
                    brand: Ok(value.brand),
                    card_issuer: Ok(value.card_issuer),
                    card_token: Ok(value.card_token),
                    cardholder_name: Ok(value.cardholder_name),
                    country_issue: Ok(value.country_issue),
                    cvv_result_raw: Ok(value.cvv_result_raw),
                    expiry_month: Ok(value.expiry_month),
                    expiry_year: Ok(value.expiry_year),
                    fingerprint: Ok(value.fingerprint),
                    funding: Ok(value.funding),
                    inst_user_name: Ok(value.inst_user_name),
                    is3_ds_authentication: Ok(value.is3_ds_authentication),
                    issuer_name: Ok(value.issuer_name),
                    issuing_country: Ok(value.issuing_country),
                    last4: Ok(value.last4),
                    last_four: Ok(value.last_four),
                    mask: Ok(value.mask),
                    masked_card_no: Ok(value.masked_card_no),
                    network_transaction_id: Ok(value.network_transaction_id),
                    payment_method_detail_metadata: Ok(
                        value.payment_method_detail_metadata,
                    ),
                    selected_card_brand: Ok(value.selected_card_brand),
                    supported_brands: Ok(value.supported_brands),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VaultedCustomizedInfo {
            customized_field1: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            customized_field2: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            customized_field3: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            customized_field4: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            customized_field5: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VaultedCustomizedInfo {
            fn default() -> Self {
                Self {
                    customized_field1: Ok(Default::default()),
                    customized_field2: Ok(Default::default()),
                    customized_field3: Ok(Default::default()),
                    customized_field4: Ok(Default::default()),
                    customized_field5: Ok(Default::default()),
                }
            }
        }
        impl VaultedCustomizedInfo {
            pub fn customized_field1<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field1 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field1: {e}"
                        )
                    });
                self
            }
            pub fn customized_field2<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field2 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field2: {e}"
                        )
                    });
                self
            }
            pub fn customized_field3<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field3 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field3: {e}"
                        )
                    });
                self
            }
            pub fn customized_field4<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field4 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field4: {e}"
                        )
                    });
                self
            }
            pub fn customized_field5<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.customized_field5 = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for customized_field5: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VaultedCustomizedInfo>
        for super::VaultedCustomizedInfo {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VaultedCustomizedInfo,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    customized_field1: value.customized_field1?,
                    customized_field2: value.customized_field2?,
                    customized_field3: value.customized_field3?,
                    customized_field4: value.customized_field4?,
                    customized_field5: value.customized_field5?,
                })
            }
        }
        impl ::std::convert::From<super::VaultedCustomizedInfo>
        for VaultedCustomizedInfo {
            fn from(value: super::VaultedCustomizedInfo) -> Self {
                Self {
                    customized_field1: Ok(value.customized_field1),
                    customized_field2: Ok(value.customized_field2),
                    customized_field3: Ok(value.customized_field3),
                    customized_field4: Ok(value.customized_field4),
                    customized_field5: Ok(value.customized_field5),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VaultedPaymentMethodDetail {
            card: ::std::result::Result<
                ::std::option::Option<super::VaultedCard>,
                ::std::string::String,
            >,
            payment_method_type: ::std::result::Result<
                ::std::option::Option<
                    crate::open_enum::Open<crate::types::PaymentMethodType>,
                >,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VaultedPaymentMethodDetail {
            fn default() -> Self {
                Self {
                    card: Ok(Default::default()),
                    payment_method_type: Ok(Default::default()),
                }
            }
        }
        impl VaultedPaymentMethodDetail {
            pub fn card<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::VaultedCard>>,
                T::Error: ::std::fmt::Display,
            {
                self.card = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for card: {e}")
                    });
                self
            }
            pub fn payment_method_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        crate::open_enum::Open<crate::types::PaymentMethodType>,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.payment_method_type = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for payment_method_type: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VaultedPaymentMethodDetail>
        for super::VaultedPaymentMethodDetail {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VaultedPaymentMethodDetail,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    card: value.card?,
                    payment_method_type: value.payment_method_type?,
                })
            }
        }
        impl ::std::convert::From<super::VaultedPaymentMethodDetail>
        for VaultedPaymentMethodDetail {
            fn from(value: super::VaultedPaymentMethodDetail) -> Self {
                Self {
                    card: Ok(value.card),
                    payment_method_type: Ok(value.payment_method_type),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VaultedUserName {
            first_name: ::std::result::Result<
                ::std::option::Option<crate::card::PersonName>,
                ::std::string::String,
            >,
            full_name: ::std::result::Result<
                ::std::option::Option<crate::card::FullName>,
                ::std::string::String,
            >,
            last_name: ::std::result::Result<
                ::std::option::Option<crate::card::PersonName>,
                ::std::string::String,
            >,
            middle_name: ::std::result::Result<
                ::std::option::Option<crate::card::PersonName>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for VaultedUserName {
            fn default() -> Self {
                Self {
                    first_name: Ok(Default::default()),
                    full_name: Ok(Default::default()),
                    last_name: Ok(Default::default()),
                    middle_name: Ok(Default::default()),
                }
            }
        }
        impl VaultedUserName {
            pub fn first_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::PersonName>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.first_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for first_name: {e}")
                    });
                self
            }
            pub fn full_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::card::FullName>>,
                T::Error: ::std::fmt::Display,
            {
                self.full_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for full_name: {e}")
                    });
                self
            }
            pub fn last_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::PersonName>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.last_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for last_name: {e}")
                    });
                self
            }
            pub fn middle_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::card::PersonName>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.middle_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for middle_name: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VaultedUserName> for super::VaultedUserName {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VaultedUserName,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    first_name: value.first_name?,
                    full_name: value.full_name?,
                    last_name: value.last_name?,
                    middle_name: value.middle_name?,
                })
            }
        }
        impl ::std::convert::From<super::VaultedUserName> for VaultedUserName {
            fn from(value: super::VaultedUserName) -> Self {
                Self {
                    first_name: Ok(value.first_name),
                    full_name: Ok(value.full_name),
                    last_name: Ok(value.last_name),
                    middle_name: Ok(value.middle_name),
                }
            }
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
#[derive(Clone, Debug)]
/**Client for Alipay Global vaulting API

Card vaulting on Alipay Global (AMS / Antom): **vaultPaymentMethod** stores a card and returns
a `cardToken` (or URLs for 3DS verification), **inquireVaulting** reads the state of a vaulting
request, and **notifyVaulting** (a callback on `vaultingNotificationUrl`) reports the final
result to the merchant.

Conventions of the wire format:
- Every field value is a JSON string ("20", "08"), except arrays and a few documented
  exceptions (`env.timeZoneOffset` is an integer; `browserInfo.javaEnabled`,
  `browserInfo.javaScriptEnabled` and `card.is3DSAuthentication` are booleans). Absent fields
  are omitted, never sent as `null`.
- Business outcomes come back as **HTTP 200** with `result.resultStatus` `S` (success),
  `F` (failure) or `U` (unknown); any other HTTP status is a transport-level failure.
- Every request and response is signed (see the `alipaySignature` security scheme).
- Sandbox: a client id that starts with `SANDBOX_` uses the path prefix `/ams/sandbox/api/...`
  instead of `/ams/api/...` on the same hosts, and the rewritten path is the one that is signed.

Sources: the published vaultPaymentMethod (2024-03-14) and inquireVaulting (2023-12-26)
documents, and the official SDK models (`alipay/global-open-sdk-java`, `-go`, `-python`).
Requests are described strictly (length limits, closed enums); responses and notifications
leniently (no limits enforced, enumerations open to values Alipay adds later).


Version: 1.0.0*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::hooks::HookState,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: crate::hooks::HookState) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::hooks::HookState,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::hooks::HookState> for Client {
    fn api_version() -> &'static str {
        "1.0.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::hooks::HookState {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::hooks::HookState>,
    {}
};
impl Client {
    /**Inquire the state of a vaulting request

Reads the vaulting status of an earlier vaultPaymentMethod call. `result` only says
whether the *inquiry* worked; the vaulting outcome is in `vaultingStatus`.

Result handling (business outcomes always come back as HTTP 200):
- `S`: read `vaultingStatus` (`SUCCESS` with `paymentMethodDetail`, `FAIL` with
  `vaultingResultCode`, or `PROCESSING`, possibly with `normalUrl`/`schemeUrl`/`applinkUrl`).
- `F` (`VAULTING_NOT_EXIST`): check `vaultingRequestId`.
- `U` (`UNKNOWN_EXCEPTION`): retry with the **same** `vaultingRequestId`.

Sandbox client ids (`SANDBOX_...`) call `/ams/sandbox/api/v1/vaults/inquireVaulting`.


Sends a `POST` request to `/ams/api/v1/vaults/inquireVaulting`

```ignore
let response = client.inquire_vaulting()
    .body(body)
    .send()
    .await;
```*/
    pub fn inquire_vaulting(&self) -> builder::InquireVaulting<'_> {
        builder::InquireVaulting::new(self)
    }
    /**Vault a card before a payment

Stores a payment method (a card) before a payment is initiated. On `S` the response carries
`paymentMethodDetail.card.cardToken`, which is used as `paymentMethodId` in later **pay**
calls. `vaultingRequestId` is the idempotency key: a repeated request with an id that
reached a final `S` or `F` returns the same result.

Result handling (business outcomes always come back as HTTP 200):
- `S`: the card is vaulted; keep `cardToken`.
- `F`: failed; see `result.resultCode` (`PARAM_ILLEGAL`: fix the request; `PROCESS_FAIL`: do
  not retry; `VERIFICATION_FAIL`: call again with a new `vaultingRequestId`).
- `U` with `VERIFICATION_IN_PROCESS`: if one or more of `normalUrl`, `schemeUrl`,
  `applinkUrl` came back, the vaulting session was created: send the buyer to one of them
  (e.g. for 3DS); the final result arrives by notifyVaulting. If no URL came back, the
  vaulting failed: call again with a new `vaultingRequestId`.
- `U` with any other code: failed; call again with a new `vaultingRequestId`.

What this crate's outcome layer does differently, so that a card is never vaulted twice:
a `U` other than `VERIFICATION_IN_PROCESS` with a URL becomes `VaultOutcome::Unknown`,
next step "inquire with the same `vaultingRequestId`" (the inquiry, not a new id, says
whether the first request was processed); a `U` that came unsigned is never trusted to
redirect the buyer: the client confirms it with one signed inquiry. The app link may be
spelled `applinkUrl` or `appLinkUrl` (the document uses both).

Sandbox client ids (`SANDBOX_...`) call `/ams/sandbox/api/v1/vaults/vaultPaymentMethod`.


Sends a `POST` request to `/ams/api/v1/vaults/vaultPaymentMethod`

```ignore
let response = client.vault_payment_method()
    .body(body)
    .send()
    .await;
```*/
    pub fn vault_payment_method(&self) -> builder::VaultPaymentMethod<'_> {
        builder::VaultPaymentMethod::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::inquire_vaulting`]

[`Client::inquire_vaulting`]: super::Client::inquire_vaulting*/
    #[derive(Debug, Clone)]
    pub struct InquireVaulting<'a> {
        client: &'a super::Client,
        body: Result<types::builder::InquireVaultingRequest, String>,
    }
    impl<'a> InquireVaulting<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::InquireVaultingRequest>,
            <V as std::convert::TryInto<
                types::InquireVaultingRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `InquireVaultingRequest` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::InquireVaultingRequest,
            ) -> types::builder::InquireVaultingRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/ams/api/v1/vaults/inquireVaulting`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::InquireVaultingResponse>, Error<()>> {
            let Self { client, body } = self;
            let body = body
                .and_then(|v| {
                    types::InquireVaultingRequest::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!("{}/ams/api/v1/vaults/inquireVaulting", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "inquire_vaulting",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::vault_payment_method`]

[`Client::vault_payment_method`]: super::Client::vault_payment_method*/
    #[derive(Debug, Clone)]
    pub struct VaultPaymentMethod<'a> {
        client: &'a super::Client,
        body: Result<types::builder::VaultPaymentMethodRequest, String>,
    }
    impl<'a> VaultPaymentMethod<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::VaultPaymentMethodRequest>,
            <V as std::convert::TryInto<
                types::VaultPaymentMethodRequest,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `VaultPaymentMethodRequest` for body failed: {}",
                        s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::VaultPaymentMethodRequest,
            ) -> types::builder::VaultPaymentMethodRequest,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/ams/api/v1/vaults/vaultPaymentMethod`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::VaultPaymentMethodResponse>, Error<()>> {
            let Self { client, body } = self;
            let body = body
                .and_then(|v| {
                    types::VaultPaymentMethodRequest::try_from(v)
                        .map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/ams/api/v1/vaults/vaultPaymentMethod", client.baseurl,
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "vault_payment_method",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
/// Patterns of the spec's request fields, compiled once.
mod patterns {
    pub(super) static PATTERN_0: ::std::sync::LazyLock<::regex_lite::Regex> = ::std::sync::LazyLock::new(||
    { ::regex_lite::Regex::new("^(0[1-9]|1[0-2])$").expect("checked when generated") });
    pub(super) static PATTERN_1: ::std::sync::LazyLock<::regex_lite::Regex> = ::std::sync::LazyLock::new(||
    { ::regex_lite::Regex::new("^[0-9]+$").expect("checked when generated") });
}
impl crate::validate::Validate for types::Address {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        if let Some(value) = &self.address1 {
            crate::validate::Validate::validate_at(value, &at.field("address1"))?;
        }
        if let Some(value) = &self.address2 {
            crate::validate::Validate::validate_at(value, &at.field("address2"))?;
        }
        if let Some(value) = &self.address3 {
            crate::validate::Validate::validate_at(value, &at.field("address3"))?;
        }
        if let Some(value) = &self.city {
            crate::validate::Validate::validate_at(value, &at.field("city"))?;
        }
        if let Some(value) = &self.country {
            crate::validate::max_chars(value, 64usize, at, Some("country"))?;
        }
        if let Some(value) = &self.label {
            crate::validate::max_chars(value, 64usize, at, Some("label"))?;
        }
        if let Some(value) = &self.region {
            crate::validate::max_chars(value, 2usize, at, Some("region"))?;
        }
        if let Some(value) = &self.state {
            crate::validate::Validate::validate_at(value, &at.field("state"))?;
        }
        if let Some(value) = &self.zip_code {
            crate::validate::Validate::validate_at(value, &at.field("zipCode"))?;
        }
        Ok(())
    }
}
impl crate::validate::Validate for types::BrowserInfo {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        if let Some(value) = &self.accept_header {
            crate::validate::max_chars(value, 2048usize, at, Some("acceptHeader"))?;
        }
        if let Some(value) = &self.language {
            crate::validate::max_chars(value, 32usize, at, Some("language"))?;
        }
        if let Some(value) = &self.user_agent {
            crate::validate::max_chars(value, 1024usize, at, Some("userAgent"))?;
        }
        Ok(())
    }
}
impl crate::validate::Validate for types::Card {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        if let Some(value) = &self.billing_address {
            crate::validate::Validate::validate_at(value, &at.field("billingAddress"))?;
        }
        if let Some(value) = &self.business_no {
            crate::validate::max_chars(value, 10usize, at, Some("businessNo"))?;
        }
        if let Some(value) = &self.business_registration_no {
            crate::validate::max_chars(
                value,
                32usize,
                at,
                Some("businessRegistrationNo"),
            )?;
        }
        {
            let value = &self.card_no;
            crate::validate::Validate::validate_at(value, &at.field("cardNo"))?;
        }
        if let Some(value) = &self.card_password_digest {
            crate::validate::Validate::validate_at(
                value,
                &at.field("cardPasswordDigest"),
            )?;
        }
        if let Some(value) = &self.cardholder_name {
            crate::validate::Validate::validate_at(value, &at.field("cardholderName"))?;
        }
        if let Some(value) = &self.cpf {
            crate::validate::Validate::validate_at(value, &at.field("cpf"))?;
        }
        if let Some(value) = &self.cvv {
            crate::validate::Validate::validate_at(value, &at.field("cvv"))?;
        }
        if let Some(value) = &self.date_of_birth {
            crate::validate::Validate::validate_at(value, &at.field("dateOfBirth"))?;
        }
        {
            let value = &self.expiry_month;
            crate::validate::max_chars(value, 2usize, at, Some("expiryMonth"))?;
            crate::validate::matches(
                value,
                &patterns::PATTERN_0,
                "^(0[1-9]|1[0-2])$",
                at,
                Some("expiryMonth"),
            )?;
        }
        {
            let value = &self.expiry_year;
            crate::validate::max_chars(value, 2usize, at, Some("expiryYear"))?;
            crate::validate::matches(
                value,
                &patterns::PATTERN_1,
                "^[0-9]+$",
                at,
                Some("expiryYear"),
            )?;
        }
        if let Some(value) = &self.payer_email {
            crate::validate::Validate::validate_at(value, &at.field("payerEmail"))?;
        }
        Ok(())
    }
}
impl crate::validate::Validate for types::CustomizedInfo {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        if let Some(value) = &self.customized_field1 {
            crate::validate::max_chars(value, 256usize, at, Some("customizedField1"))?;
        }
        if let Some(value) = &self.customized_field2 {
            crate::validate::max_chars(value, 256usize, at, Some("customizedField2"))?;
        }
        if let Some(value) = &self.customized_field3 {
            crate::validate::max_chars(value, 256usize, at, Some("customizedField3"))?;
        }
        if let Some(value) = &self.customized_field4 {
            crate::validate::max_chars(value, 256usize, at, Some("customizedField4"))?;
        }
        if let Some(value) = &self.customized_field5 {
            crate::validate::max_chars(value, 256usize, at, Some("customizedField5"))?;
        }
        Ok(())
    }
}
impl crate::validate::Validate for types::Env {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        if let Some(value) = &self.browser_info {
            crate::validate::Validate::validate_at(value, &at.field("browserInfo"))?;
        }
        if let Some(value) = &self.client_ip {
            crate::validate::max_chars(value, 64usize, at, Some("clientIp"))?;
        }
        if let Some(value) = &self.color_depth {
            crate::validate::max_chars(value, 8usize, at, Some("colorDepth"))?;
        }
        if let Some(value) = &self.cookie_id {
            crate::validate::max_chars(value, 64usize, at, Some("cookieId"))?;
        }
        if let Some(value) = &self.device_brand {
            crate::validate::max_chars(value, 64usize, at, Some("deviceBrand"))?;
        }
        if let Some(value) = &self.device_id {
            crate::validate::max_chars(value, 64usize, at, Some("deviceId"))?;
        }
        if let Some(value) = &self.device_language {
            crate::validate::max_chars(value, 32usize, at, Some("deviceLanguage"))?;
        }
        if let Some(value) = &self.device_model {
            crate::validate::max_chars(value, 128usize, at, Some("deviceModel"))?;
        }
        if let Some(value) = &self.device_token_id {
            crate::validate::max_chars(value, 64usize, at, Some("deviceTokenId"))?;
        }
        if let Some(value) = &self.extend_info {
            crate::validate::max_chars(value, 2048usize, at, Some("extendInfo"))?;
        }
        if let Some(value) = &self.os_version {
            crate::validate::max_chars(value, 32usize, at, Some("osVersion"))?;
        }
        if let Some(value) = &self.screen_height {
            crate::validate::max_chars(value, 8usize, at, Some("screenHeight"))?;
        }
        if let Some(value) = &self.screen_width {
            crate::validate::max_chars(value, 8usize, at, Some("screenWidth"))?;
        }
        if let Some(value) = &self.store_terminal_id {
            crate::validate::max_chars(value, 64usize, at, Some("storeTerminalId"))?;
        }
        if let Some(value) = &self.store_terminal_request_time {
            crate::validate::max_chars(
                value,
                64usize,
                at,
                Some("storeTerminalRequestTime"),
            )?;
        }
        {
            let value = &self.terminal_type;
            crate::validate::one_of(
                value,
                &["WEB", "WAP", "APP", "MINI_APP", "web", "wap", "app", "mini_app"],
                at,
                Some("terminalType"),
            )?;
        }
        if let Some(value) = &self.user_agent {
            crate::validate::max_chars(value, 1024usize, at, Some("userAgent"))?;
        }
        Ok(())
    }
}
impl crate::validate::Validate for types::InquireVaultingRequest {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        if let Some(value) = &self.merchant_account_id {
            crate::validate::max_chars(value, 64usize, at, Some("merchantAccountId"))?;
        }
        {
            let value = &self.vaulting_request_id;
            crate::validate::max_chars(value, 64usize, at, Some("vaultingRequestId"))?;
        }
        Ok(())
    }
}
impl crate::validate::Validate for types::PaymentMethodDetail {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        {
            let value = &self.card;
            crate::validate::Validate::validate_at(value, &at.field("card"))?;
        }
        Ok(())
    }
}
impl crate::validate::Validate for types::UserName {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        if let Some(value) = &self.first_name {
            crate::validate::Validate::validate_at(value, &at.field("firstName"))?;
        }
        if let Some(value) = &self.full_name {
            crate::validate::Validate::validate_at(value, &at.field("fullName"))?;
        }
        if let Some(value) = &self.last_name {
            crate::validate::Validate::validate_at(value, &at.field("lastName"))?;
        }
        if let Some(value) = &self.middle_name {
            crate::validate::Validate::validate_at(value, &at.field("middleName"))?;
        }
        Ok(())
    }
}
impl crate::validate::Validate for types::VaultPaymentMethodRequest {
    fn validate_at(
        &self,
        at: &crate::validate::FieldPath<'_>,
    ) -> ::std::result::Result<(), crate::validate::ValidationError> {
        if let Some(value) = &self.customized_info {
            crate::validate::Validate::validate_at(value, &at.field("customizedInfo"))?;
        }
        {
            let value = &self.env;
            crate::validate::Validate::validate_at(value, &at.field("env"))?;
        }
        if let Some(value) = &self.merchant_account_id {
            crate::validate::max_chars(value, 64usize, at, Some("merchantAccountId"))?;
        }
        if let Some(value) = &self.merchant_region {
            crate::validate::max_chars(value, 2usize, at, Some("merchantRegion"))?;
        }
        if let Some(value) = &self.metadata {
            crate::validate::max_chars(value, 2048usize, at, Some("metadata"))?;
        }
        {
            let value = &self.payment_method_detail;
            crate::validate::Validate::validate_at(
                value,
                &at.field("paymentMethodDetail"),
            )?;
        }
        {
            let value = &self.redirect_url;
            crate::validate::max_chars(value, 2048usize, at, Some("redirectUrl"))?;
        }
        if let Some(value) = &self.vaulting_currency {
            crate::validate::max_chars(value, 3usize, at, Some("vaultingCurrency"))?;
        }
        {
            let value = &self.vaulting_notification_url;
            crate::validate::max_chars(
                value,
                2048usize,
                at,
                Some("vaultingNotificationUrl"),
            )?;
        }
        {
            let value = &self.vaulting_request_id;
            crate::validate::max_chars(value, 64usize, at, Some("vaultingRequestId"))?;
        }
        Ok(())
    }
}
