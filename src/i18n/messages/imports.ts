export const imports = {
  fr: {},
  nl: {},
  de: {},
  en: {},
};
