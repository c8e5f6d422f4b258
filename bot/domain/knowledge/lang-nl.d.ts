/** The part of @nlpjs/lang-nl we use: its Snowball-style Dutch stemmer (the package ships no types). */
declare module '@nlpjs/lang-nl' {
  export class StemmerNl {
    stemWord(word: string): string;
  }
}
