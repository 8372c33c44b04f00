// Keyword tables of the detector, grouped by concept, then by language (en, de, fr, es, pt, it, nl, ru,
// ja, zh, and for the words that decide most: pl, cs/sk, hu, da/no/sv as "nordic", tr, ko). Entries are written as people write them; match-keywords.ts normalises and compiles them.
// Entry syntax (keep it this small):
//   "pass"   matches at the start of a word: "password", "pass" — not "compass"
//   "pin$"   matches a whole word only: "pin", "PIN code" — not "pinterest", "shipping"
//   "*bestät" matches anywhere, for compounds: "Passwortbestätigung"
//   CJK entries always match anywhere (no spaces between words). A space inside an entry is
//   optional in the text, so "user name" also matches "username".

export type Language = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl' | 'ru' | 'ja' | 'zh' | 'pl' | 'cs' | 'hu' | 'nordic' | 'tr' | 'ko';
type Table = Partial<Record<Language, readonly string[]>>;

// ── what a field asks for ────────────────────────────────────────────────────────────────────────

const username: Table = {
  en: [
    'user$',
    'username',
    'userid',
    'userlogin',
    'usernm',
    'useremail',
    'usermail',
    'usr$',
    'uname',
    'uid$',
    'login id',
    'login name',
    'logon name',
    'sign in id',
    'account name',
    'account id',
    'member id',
    'member number',
    'membership number',
    'customer id',
    'customer number',
    'client id',
    'apple id',
    'handle$',
    'screen name',
    'identifier',
  ],
  de: ['benutzer', 'nutzername', 'anmeldename', 'kennung', 'kundennummer', 'mitgliedsnummer', 'zugangsnummer'],
  fr: ['utilisateur', 'identifiant', 'pseudo', 'numero client'],
  es: ['usuario', 'numero de cliente'],
  pt: ['usuario', 'utilizador', 'nome de usuario'],
  it: ['utente', 'codice cliente'],
  nl: ['gebruiker', 'klantnummer'],
  ru: ['логин', 'пользовател', 'учетн'],
  ja: ['ユーザー', 'ユーザid', 'ログインid', '会員id', 'アカウント名', 'お客様番号', '会員番号'],
  zh: ['用户名', '用戶名', '账号', '帳號', '帐号', '賬號', '账户名', '登录名', '登入名'],
  pl: ['uzytkownik', 'użytkownik', 'nazwa uzytkownika', 'login uzytkownika'],
  cs: ['uzivatel', 'uživatel', 'prihlasovaci jmeno', 'přihlašovací jméno'],
  hu: ['felhasznalo'],
  nordic: ['brugernavn', 'brukernavn', 'anvandarnamn', 'användarnamn', 'bruger', 'bruker'],
  tr: ['kullanici', 'kullanıcı'],
  ko: ['아이디', '사용자'],
};

// A field called just "login": an identifier, but says nothing about whether it takes an e-mail.
const loginName: Table = {
  en: ['login$', 'logon$', 'signin$'],
};

const email: Table = {
  en: ['email', 'e mail', 'mail$', 'mail address'],
  fr: ['courriel', 'adresse electronique'],
  es: ['correo'],
  pt: ['correio eletronico', 'correio electronico'],
  it: ['posta elettronica'],
  nl: ['mailadres'],
  ru: ['почт', 'емейл', 'имейл'],
  ja: ['メール'],
  zh: ['邮箱', '郵箱', '电子邮件', '電子郵件', '电邮', '電郵', '信箱'],
  pl: ['adres e mail'],
  hu: ['e mail cim'],
  nordic: ['e post', 'epost'],
  tr: ['e posta', 'eposta'],
  ko: ['이메일'],
};

// National identity and taxpayer numbers that people log in with ("E-mail ou CPF", "DNI"): an
// identifier, but no e-mail address.
const nationalId: Table = {
  en: ['national id'],
  fr: ['numero fiscal'],
  es: ['dni$', 'nif$', 'rut$', 'cuit$', 'documento de identidad', 'numero de documento'],
  pt: ['cpf$', 'cnpj$', 'nif$'],
  it: ['codice fiscale'],
  ru: ['снилс', 'инн$'],
  zh: ['身份证', '身分證'],
};

const phone: Table = {
  en: ['phone', 'mobile', 'tel$', 'telephone', 'cell$', 'msisdn'],
  de: ['telefon', 'handy', 'mobilnummer'],
  fr: ['telephone', 'portable'],
  es: ['telefono', 'celular', 'movil'],
  pt: ['telefone', 'celular', 'telemovel'],
  it: ['telefono', 'cellulare'],
  nl: ['telefoon', 'mobiel'],
  ru: ['телефон', 'мобильн'],
  ja: ['電話', '携帯'],
  zh: ['手机', '手機', '电话', '電話'],
};

const password: Table = {
  en: ['passw', 'pass$', 'passwd', 'pwd', 'pw$', 'passphrase', 'passcode', 'pin$', 'pincode', 'pin code'],
  de: ['passwort', 'kennw', 'geheimzahl'],
  fr: ['mot de passe', 'mdp$'],
  es: ['contrasena', 'clave$', 'clave de acceso'],
  pt: ['senha', 'palavra passe'],
  it: ['parola chiave'],
  nl: ['wachtw'],
  ru: ['пароль', 'пароля'],
  ja: ['パスワード', '暗証番号'],
  zh: ['密码', '密碼', '口令'],
  pl: ['haslo', 'hasło', 'hasła', 'hasel'],
  cs: ['heslo', 'hesla'],
  hu: ['jelszo', 'jelszó'],
  nordic: ['adgangskode', 'kodeord', 'passord', 'losenord', 'lösenord'],
  tr: ['sifre', 'şifre', 'parola'],
  ko: ['비밀번호', '패스워드'],
};

// Words saying a value is being chosen now ("New password", "Create a password", "New e-mail"); with
// confirmPassword and currentPassword below, they tell the password fields of a form apart.
const newValue: Table = {
  en: ['new$', 'newpass', 'create', 'choose', 'pick', 'set password', 'set a password', 'set your password', 'set up'],
  de: ['neu', 'festlegen', 'wahlen', 'erstellen', 'vergeben'],
  fr: ['nouveau', 'nouvelle', 'choisi', 'creer', 'creez', 'definir', 'definissez'],
  es: ['nueva', 'nuevo', 'crea', 'elige', 'establece'],
  pt: ['nova$', 'novo$', 'crie$', 'criar', 'defina', 'definir'],
  it: ['nuova', 'nuovo', 'scegli', 'imposta'],
  nl: ['nieuw', 'kies', 'aanmaken'],
  ru: ['нов', 'придумайте', 'создайте'],
  ja: ['新しい', '新規パスワード', '新パスワード'],
  zh: ['新密码', '新密碼', '设置密码', '設定密碼', '设定密码', '设置登录密码'],
};

const confirmPassword: Table = {
  en: [
    'confirm',
    'repeat',
    'retype',
    're type',
    're enter',
    'reenter',
    'again',
    'verify',
    'cpassword',
    'cpwd',
    'cpass$',
    'repassword',
    'repass$',
    're$',
    'rpassword',
    'password 2$',
  ],
  de: ['*bestatig', 'wiederhol', 'erneut', 'nochmal'],
  fr: ['confirm', 'repet', 'retap', 'ressais'],
  es: ['confirm', 'repet', 'repit', 'de nuevo', 'otra vez'],
  pt: ['confirm', 'repet', 'novamente'],
  it: ['conferm', 'ripet', 'di nuovo'],
  nl: ['bevestig', 'herhaal', 'opnieuw', 'nogmaals'],
  ru: ['подтвер', 'повтор', 'еще раз'],
  ja: ['確認', '再入力', 'もう一度'],
  zh: ['确认', '確認', '再次', '重复', '重複', '重新输入', '重新輸入'],
  pl: ['powtorz', 'powtórz', 'potwierdz', 'potwierdź'],
  cs: ['potvrzeni', 'potvrzení', 'potvrdit', 'zopakujte', 'znovu'],
  hu: ['megerosit', 'megerősít', 'ujra', 'újra'],
  nordic: ['bekraeft', 'bekræft', 'gentag', 'bekreft', 'gjenta', 'bekrafta', 'bekräfta', 'upprepa'],
  tr: ['tekrar', 'dogrula', 'doğrula'],
  ko: ['확인'],
};

const currentPassword: Table = {
  en: ['current', 'old$', 'existing'],
  de: ['aktuell', 'alt$', 'altes', 'alten', 'bisherig', 'derzeitig'],
  fr: ['actuel', 'ancien'],
  es: ['actual$', 'anterior', 'antigua'],
  pt: ['atual', 'antiga', 'anterior'],
  it: ['attuale', 'vecchia', 'corrente'],
  nl: ['huidig', 'oud$', 'oude$'],
  ru: ['текущ', 'стар', 'прежн'],
  ja: ['現在', '旧パスワード'],
  zh: ['当前', '當前', '旧密码', '舊密碼', '原密码', '原密碼', '目前'],
};

// A one-time code, named as such: enough on its own, in any form.
const otp: Table = {
  en: [
    'otp',
    'totp',
    'one time',
    'onetime',
    '2fa',
    'mfa$',
    'two factor',
    '2 factor',
    'two step',
    '2 step',
    'authenticator',
    'verification code',
    'verify code',
    'auth code',
    'authentication code',
    'sms code',
    'text code',
    'confirmation code',
    'login code',
    'sign in code',
    'digit code',
    'security code',
    'one time code',
    'securid',
    'rsa token',
    'token code',
    'soft token',
    'hardware token',
  ],
  de: [
    'bestatigungscode',
    'sicherheitscode',
    'verifizierungscode',
    'einmal',
    'zwei faktor',
    'authentifizierungscode',
    'anmeldecode',
    'tan$',
    'prufcode',
  ],
  fr: [
    'code de verification',
    'code de securite',
    'usage unique',
    'double authentification',
    'deux facteurs',
    'code d authentification',
    'code de confirmation',
    'code de connexion',
    'code recu',
  ],
  es: [
    'codigo de verificacion',
    'codigo de seguridad',
    'dos pasos',
    'un solo uso',
    'codigo de confirmacion',
    'codigo de autenticacion',
    'codigo de acceso',
  ],
  pt: ['codigo de verificacao', 'codigo de seguranca', 'duas etapas', 'dois fatores', 'codigo de confirmacao', 'codigo de autenticacao'],
  it: ['codice di verifica', 'codice di sicurezza', 'due passaggi', 'due fattori', 'codice di conferma', 'codice di accesso'],
  nl: ['verificatiecode', 'beveiligingscode', 'tweestaps', 'twee staps', 'eenmalig', 'bevestigingscode', 'authenticatiecode', 'inlogcode'],
  ru: [
    'код подтверждения',
    'одноразов',
    'двухфактор',
    'двухэтап',
    'код из смс',
    'код из sms',
    'код безопасности',
    'проверочный код',
    'код аутентификац',
  ],
  ja: ['確認コード', '認証コード', 'ワンタイム', '二段階認証', '2段階認証', '検証コード', '認証番号', 'セキュリティコード'],
  zh: ['验证码', '驗證碼', '动态码', '動態碼', '动态密码', '動態密碼', '一次性', '两步验证', '兩步驟驗證', '双重验证', '校验码', '安全码', '安全碼'],
};

// A bare "code": a one-time code only on a form that is a second-factor step.
const code: Table = {
  en: ['code$', 'token$', 'digit'],
  fr: ['code$'],
  es: ['codigo$'],
  pt: ['codigo$'],
  it: ['codice$'],
  nl: ['code$'],
  ru: ['код$'],
  ja: ['コード'],
};

// One-time codes that are not TOTP: never filled with the authenticator's code.
const recoveryCode: Table = {
  en: ['backup code', 'recovery code', 'recovery key', 'scratch code'],
  de: ['wiederherstellungscode', 'backup code'],
  fr: ['code de recuperation', 'code de secours'],
  es: ['codigo de recuperacion', 'codigo de respaldo'],
  pt: ['codigo de recuperacao', 'codigo de backup'],
  it: ['codice di recupero', 'codice di backup'],
  nl: ['herstelcode', 'back up code'],
  ru: ['резервн', 'код восстановления'],
  ja: ['バックアップコード', 'リカバリーコード', '復旧コード'],
  zh: ['恢复码', '备用码', '復原碼', '備用碼'],
};

// Fields about a password that are not one: hints and security questions.
const passwordHint: Table = {
  en: ['hint', 'reminder', 'security question', 'secret question', 'security answer', 'secret answer', 'question', 'qst$', 'answer$'],
  de: ['hinweis', 'merkhilfe', 'eselsbrucke', 'sicherheitsfrage'],
  fr: ['indice', 'question secrete'],
  es: ['pista', 'pregunta de seguridad', 'pregunta secreta'],
  pt: ['dica', 'pergunta de seguranca'],
  it: ['suggerimento', 'domanda di sicurezza'],
  nl: ['geheugensteun', 'beveiligingsvraag'],
  hu: ['emlekezteto'],
  ru: ['подсказк', 'секретный вопрос', 'контрольный вопрос'],
  ja: ['ヒント', '秘密の質問'],
  zh: ['提示', '密保问题', '安全问题'],
};

const captcha: Table = {
  en: [
    'captcha',
    'characters in the image',
    'characters shown',
    'characters you see',
    'text in the image',
    'code shown',
    'shown above',
    'shown below',
    'as you see',
    'in the picture',
    'security image',
  ],
  de: ['zeichen im bild'],
  fr: ['caracteres de l image'],
  es: ['caracteres de la imagen'],
  ru: ['символы с картинки', 'код с картинки'],
  ja: ['画像認証', '画像の文字'],
  zh: ['图形验证码', '图片验证码', '圖形驗證碼', '图形码'],
};

// Read from the src, alt, id and class of an image beside a field: a picture to copy is a CAPTCHA,
// even when its field is called "verification code" (common on Chinese and campus sites).
const captchaImage: Table = {
  en: [
    'captcha',
    'kaptcha',
    'checkcode',
    'check code',
    'validate code',
    'validatecode',
    'verify code',
    'verifycode',
    'verification image',
    'vcode',
    'yzm$',
    'securimage',
    'random code',
    'randcode',
    'rand code',
    'authimg',
    'code img',
    'code image',
    'codeimg',
  ],
  zh: ['验证码', '驗證碼', '看不清', '换一张', '換一張'],
};

// ── look-alikes that are never credentials ───────────────────────────────────────────────────────

// A web address (an OpenID, a home page): typed as a URL, never a user name.
const webAddress: Table = {
  en: ['openid', 'url$', 'website', 'web site', 'homepage', 'home page'],
  de: ['webseite', 'internetseite'],
  fr: ['site web', 'site internet'],
  es: ['sitio web', 'pagina web'],
  pt: ['pagina web'],
  it: ['sito web'],
  ru: ['саит'],
};

const search: Table = {
  en: ['search', 'query', 'q$', 'keyword', 'looking for'],
  de: ['suche', 'suchen', 'suchbegriff'],
  fr: ['recherch'],
  es: ['buscar', 'busca$', 'busqueda'],
  pt: ['pesquis', 'buscar'],
  it: ['cerca$', 'ricerca'],
  nl: ['zoek'],
  ru: ['поиск', 'найти'],
  ja: ['検索'],
  zh: ['搜索', '搜尋', '查找'],
};

const newsletter: Table = {
  en: [
    'newsletter',
    'subscribe',
    'subscription',
    'mailing list',
    'get updates',
    'stay informed',
    'stay in touch',
    'notify me',
    'latest news',
    'waitlist',
    'wait list',
    'waiting list',
    'early access',
    'exclusive offers',
    'special offers',
    'email sign up',
    'email signup',
  ],
  de: ['abonnier', 'abonnement', 'nicht verpassen'],
  fr: ['abonner', 'abonnez', 'lettre d information'],
  es: ['suscrib', 'boletin'],
  pt: ['assinar', 'assine', 'novidades'],
  it: ['iscriviti alla newsletter', 'novita'],
  nl: ['nieuwsbrief', 'abonneer'],
  ru: ['подпис', 'рассылк'],
  ja: ['メールマガジン', 'メルマガ', 'ニュースレター', '購読', '配信'],
  zh: ['订阅', '訂閱', '电子报', '電子報'],
};

const coupon: Table = {
  en: ['coupon', 'promo', 'voucher', 'discount', 'gift card', 'giftcard', 'redeem', 'referral'],
  de: ['gutschein', 'rabatt', 'aktionscode', 'geschenkkarte'],
  fr: ['code promo', 'reduction', 'bon d achat', 'carte cadeau', 'cheque cadeau', 'bon cadeau'],
  es: ['cupon', 'codigo promocional', 'descuento', 'tarjeta regalo', 'tarjeta de regalo', 'cheque regalo'],
  pt: ['cupom', 'desconto', 'vale presente', 'cartao presente', 'cartao de presente'],
  it: ['codice sconto', 'codice promozionale', 'buono', 'carta regalo'],
  nl: ['kortingscode', 'waardebon', 'cadeaukaart', 'cadeaubon', 'actiecode'],
  ru: ['промокод', 'купон', 'скидк', 'подарочн'],
  ja: ['クーポン', 'プロモーションコード', '割引', 'ギフトカード', 'ギフト券'],
  zh: ['优惠', '優惠', '折扣', '礼品卡', '禮品卡', '兑换码', '兌換碼'],
};

const address: Table = {
  en: [
    'address',
    'street',
    'city',
    'zip',
    'postal',
    'postcode',
    'post code',
    'country',
    'state$',
    'province',
    'apartment',
    'apt$',
    'house number',
    'county',
  ],
  de: ['adresse', 'strasse', 'hausnummer', 'plz$', 'postleitzahl', 'ort$', 'wohnort', 'stadt', 'land$'],
  fr: ['adresse', 'rue$', 'ville', 'code postal', 'pays'],
  es: ['direccion', 'calle', 'ciudad', 'codigo postal', 'provincia', 'pais$'],
  pt: ['endereco', 'rua$', 'cidade', 'cep$', 'bairro'],
  it: ['indirizzo', 'citta', 'cap$', 'provincia'],
  nl: ['adres', 'straat', 'huisnummer', 'woonplaats', 'plaats'],
  ru: ['адрес', 'улиц', 'город', 'индекс', 'страна'],
  ja: ['住所', '郵便番号', '市区町村', '都道府県', '番地'],
  zh: ['地址', '邮编', '邮政编码', '郵遞區號', '城市', '省份', '街道'],
};

// Payment words; a bare "card" is not one (library cards and bank cards log people in).
const payment: Table = {
  en: [
    'credit card',
    'debit card',
    'creditcard',
    'cvv',
    'cvc',
    'csc$',
    'cc num',
    'cc number',
    'cc exp',
    'ccnum',
    'expir',
    'expiry',
    'exp date',
    'mm yy',
    'cardholder',
    'card holder',
    'name on card',
    'iban',
    'bic$',
    'swift',
    'routing',
    'sort code',
    'billing',
  ],
  de: ['kreditkarte', 'karteninhaber', 'prufnummer', 'gultig bis', 'ablaufdatum'],
  fr: ['carte bancaire', 'carte de credit', 'cryptogramme', 'date d expiration', 'titulaire de la carte'],
  es: ['tarjeta de credito', 'tarjeta de debito', 'vencimiento', 'caducidad', 'titular de la tarjeta'],
  pt: ['cartao de credito', 'cartao de debito', 'validade', 'titular do cartao'],
  it: ['carta di credito', 'carta di debito', 'scadenza', 'intestatario', 'titolare della carta'],
  nl: ['creditcard', 'vervaldatum', 'kaarthouder'],
  ru: ['кредитн', 'срок действия', 'владелец карты'],
  ja: ['クレジットカード', '有効期限', 'カード名義'],
  zh: ['信用卡', '银行卡', '銀行卡', '有效期', '持卡人'],
};

const personName: Table = {
  en: ['first name', 'last name', 'full name', 'given name', 'family name', 'surname', 'fname', 'lname', 'your name', 'name$'],
  de: ['vorname', 'nachname'],
  fr: ['prenom', 'nom$'],
  es: ['nombre$', 'apellido'],
  pt: ['nome$', 'sobrenome'],
  it: ['cognome', 'nome$'],
  nl: ['voornaam', 'achternaam', 'naam$'],
  ru: ['имя', 'фамилия', 'отчество'],
  ja: ['氏名', '名前', 'フリガナ'],
  zh: ['姓名', '昵称', '暱稱'],
  pl: ['imie', 'imię', 'nazwisko'],
  cs: ['jmeno', 'jméno', 'prijmeni', 'příjmení', 'meno$', 'priezvisko'],
  hu: ['vezeteknev', 'vezetéknév', 'keresztnev', 'keresztnév'],
  nordic: ['fornavn', 'efternavn', 'etternavn', 'fornamn', 'förnamn', 'efternamn', 'navn$'],
  tr: ['ad soyad', 'adiniz', 'soyad'],
  ko: ['이름', '성명'],
};

// ── what a form is for (read from its headings, buttons, links and action URL) ───────────────────

const login: Table = {
  en: ['sign in', 'signin', 'log in', 'login', 'log on', 'logon', 'sign on', 'signon', 'welcome back', 'session$'],
  de: ['anmelden', 'anmeldung', 'einloggen'],
  fr: ['connexion', 'se connecter', 'connectez', 'identifiez', 's identifier'],
  es: ['iniciar sesion', 'inicia sesion', 'ingresar', 'ingresa$', 'acceder', 'entrar$'],
  pt: ['entrar$', 'acessar', 'fazer login', 'iniciar sessao'],
  it: ['accedi', 'accesso', 'entra$'],
  nl: ['inloggen', 'log in'],
  ru: ['войти', 'вход$', 'авторизац'],
  ja: ['ログイン', 'サインイン'],
  zh: ['登录', '登入', '登錄', '登陆'],
  pl: ['zaloguj', 'logowanie'],
  cs: ['prihlasit', 'přihlásit', 'prihlaseni', 'přihlášení', 'prihlasenie'],
  hu: ['belepes', 'belépés', 'bejelentkez'],
  nordic: ['log ind', 'logg inn', 'logga in', 'indlogning', 'innlogging', 'inloggning'],
  tr: ['giris', 'giriş', 'oturum ac', 'oturum aç'],
  ko: ['로그인'],
};

const signup: Table = {
  en: [
    'sign up',
    'signup',
    'register',
    'registration',
    'create account',
    'create an account',
    'create your account',
    'create my account',
    'join$',
    'join now',
    'open an account',
    'get started',
  ],
  de: ['registrier', 'konto erstellen', 'konto anlegen', 'konto eroffnen', 'account erstellen'],
  fr: ['inscri', 'creer un compte', 'creer mon compte', 'creer votre compte', 'ouvrir un compte'],
  es: ['registr', 'crear cuenta', 'crear una cuenta', 'crea tu cuenta', 'unete'],
  pt: ['cadastr', 'criar conta', 'criar uma conta', 'crie sua conta', 'registr'],
  it: ['registr', 'crea account', 'crea un account', 'crea il tuo account', 'iscriviti'],
  nl: ['registreren', 'registratie', 'account aanmaken', 'maak een account', 'word lid'],
  ru: ['регистрац', 'зарегистр', 'создать аккаунт', 'создать учетную', 'создайте аккаунт'],
  ja: ['新規登録', '会員登録', 'アカウント作成', 'アカウントを作成', '登録する'],
  zh: ['注册', '註冊', '创建账户', '創建帳戶', '创建帐户', '建立帳號', '建立帳戶'],
  pl: ['zarejestruj', 'rejestracja', 'zaloz konto', 'załóż konto'],
  cs: ['registrac', 'registrovat', 'vytvorit ucet', 'vytvořit účet'],
  hu: ['regisztracio', 'regisztráció', 'regisztral', 'regisztrál'],
  nordic: ['opret bruger', 'opret konto', 'opret profil', 'registrer', 'skapa konto', 'bli medlem'],
  tr: ['kayit ol', 'kayıt ol', 'uye ol', 'üye ol'],
  ko: ['회원가입'],
};

// "change" and "reset" count only next to a password word (see classify-form.ts).
const change: Table = {
  en: ['change', 'update', 'modify'],
  de: ['andern', 'anderung', 'aktualisier'],
  fr: ['changer', 'changement', 'modifier', 'modification'],
  es: ['cambiar', 'cambia$', 'cambio', 'actualizar'],
  pt: ['alterar', 'altere', 'mudar', 'trocar', 'alteracao'],
  it: ['cambia', 'modifica'],
  nl: ['wijzig', 'verander'],
  ru: ['измен', 'смен'],
  ja: ['変更'],
  zh: ['修改', '更改', '變更'],
};

// "Forgot…?": the question a login's link or button asks, where a recovery form's button acts
// ("Reset password", "Request a new password").
const forgot: Table = {
  en: ['forgot', 'forgotten', 'lost your', 'trouble'],
  de: ['vergessen'],
  fr: ['oublie'],
  es: ['olvid'],
  pt: ['esquec'],
  it: ['dimenticat'],
  nl: ['vergeten'],
  ru: ['забыл'],
  ja: ['忘れ'],
  zh: ['忘记', '忘記'],
  pl: ['zapomn'],
  cs: ['zapomn', 'zabudl'],
  hu: ['elfelejt'],
  nordic: ['glemt', 'glomt', 'glömt'],
  tr: ['unuttum'],
};

const reset: Table = {
  en: ['reset', 'forgot', 'forgotten', 'recover', 'lost your', 'lost password', 'remind'],
  de: ['zurucksetzen', 'vergessen', 'wiederherstell'],
  fr: ['reinitialis', 'oublie', 'recuper', 'perdu'],
  es: ['restablecer', 'olvid', 'recuperar'],
  pt: ['redefinir', 'esquec', 'esqueci', 'recuperar'],
  it: ['reimposta', 'dimenticat', 'recupera'],
  nl: ['herstel', 'vergeten', 'opnieuw instellen'],
  ru: ['сброс', 'восстанов', 'забыл'],
  ja: ['忘れ', '再設定', 'リセット', '再発行'],
  zh: ['忘记', '忘記', '重置', '找回', '重设', '重設'],
  pl: ['zapomn', 'odzyska', 'przypomn'],
  cs: ['zapomn', 'zabudl', 'obnov'],
  hu: ['elfelejt'],
  nordic: ['glemt', 'glomt', 'glömt', 'nulstil', 'tilbakestill', 'aterstall', 'återställ'],
  tr: ['unuttum', 'sifirla', 'sıfırla'],
  ko: ['찾기', '재설정'],
};

// Words of a second-factor step, beyond the names of the code itself.
const twoFactor: Table = {
  en: ['verify', 'verification', 'enter the code', 'enter code', 'we sent', 'sent a code', 'sent you', 'authentication'],
  de: ['verifizier', 'bestatig', 'wir haben', 'gesendet'],
  fr: ['verifi', 'envoye', 'authentification'],
  es: ['verifica', 'enviado', 'autenticacion'],
  pt: ['verifica', 'enviamos', 'autenticacao'],
  it: ['verifica', 'inviato', 'autenticazione'],
  nl: ['verifieer', 'verificatie', 'verstuurd', 'gestuurd'],
  ru: ['проверк', 'подтвердите', 'отправили'],
  ja: ['認証', '送信しました'],
  zh: ['验证', '驗證', '已发送', '已發送'],
};

const remember: Table = {
  en: ['remember', 'keep me', 'stay signed', 'trust this'],
  de: ['angemeldet bleiben', 'merken'],
  fr: ['se souvenir', 'rester connecte', 'memoriser'],
  es: ['recordar', 'recuerdame', 'mantener'],
  pt: ['lembrar', 'manter'],
  it: ['ricorda', 'resta connesso'],
  nl: ['onthoud', 'ingelogd blijven'],
  ru: ['запомнить'],
  ja: ['ログイン状態', '記憶'],
  zh: ['记住', '記住', '保持登录', '自动登录'],
  pl: ['zapamietaj', 'zapamiętaj'],
  cs: ['zapamatovat', 'zapamatuj'],
  hu: ['emlekezz', 'emlékezz', 'maradjak bejelentkezve'],
  nordic: ['husk mig', 'husk meg', 'kom ihåg', 'kom ihag'],
  tr: ['beni hatirla', 'beni hatırla'],
};

const terms: Table = {
  en: ['terms', 'agree', 'privacy policy', 'conditions'],
  de: ['agb$', 'datenschutz', 'nutzungsbedingungen', 'akzeptiere'],
  fr: ['accepte', 'conditions generales'],
  es: ['acepto', 'terminos'],
  pt: ['aceito', 'termos', 'concordo'],
  it: ['accetto', 'termini'],
  nl: ['voorwaarden', 'akkoord'],
  ru: ['соглас', 'услови'],
  ja: ['利用規約', '同意'],
  zh: ['同意', '条款', '條款', '协议', '協議'],
};

// Buttons that only show, hide or clear a field; they never end a form.
const toggle: Table = {
  en: ['show', 'hide', 'reveal', 'toggle', 'clear', 'visibility'],
  de: ['anzeigen', 'verbergen', 'ausblenden', 'einblenden', 'loschen'],
  fr: ['afficher', 'masquer', 'effacer'],
  es: ['mostrar', 'ocultar', 'borrar'],
  pt: ['mostrar', 'ocultar', 'esconder', 'limpar'],
  it: ['mostra', 'nascondi', 'cancella'],
  nl: ['toon$', 'tonen', 'verberg', 'wissen'],
  ru: ['показать', 'скрыть', 'очистить'],
  ja: ['表示', '非表示', 'クリア'],
  zh: ['显示', '隐藏', '顯示', '隱藏', '清除'],
};

export const KEYWORDS = {
  username,
  loginName,
  email,
  nationalId,
  phone,
  password,
  newValue,
  confirmPassword,
  currentPassword,
  otp,
  code,
  recoveryCode,
  passwordHint,
  captcha,
  captchaImage,
  webAddress,
  search,
  newsletter,
  coupon,
  address,
  payment,
  personName,
  login,
  signup,
  change,
  forgot,
  reset,
  twoFactor,
  remember,
  terms,
  toggle,
} satisfies Record<string, Table>;

export type Concept = keyof typeof KEYWORDS;
