export const assemblies = {
  fr: {},
  nl: {},
  de: {},
  en: {},
};
